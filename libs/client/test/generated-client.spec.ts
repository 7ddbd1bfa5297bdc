import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../../..');
const script = join(repoRoot, 'scripts/client.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

/**
 * libs/client/src/generated/<service>.ts is what openapi-typescript makes of the committed openapi/<service>.json
 * (stale otherwise: `npm run client`), and the check would notice a document that moved on.
 */
describe('the generated client types', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'motcua-client-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('are up to date with the committed OpenAPI documents', () => {
    const result = run('--check');
    if (result.status !== 0) throw new Error(result.stderr);
  });

  it('are reported stale when a document changes, and regenerate to match it', () => {
    const documents = join(scratch, 'openapi');
    const out = join(scratch, 'generated');
    cpSync(join(repoRoot, 'openapi'), documents, { recursive: true });
    cpSync(join(repoRoot, 'libs/client/src/generated'), out, { recursive: true });
    const intake = JSON.parse(readFileSync(join(documents, 'intake.json'), 'utf8'));
    intake.components.schemas.ApplicantDto.properties.nickname = { type: 'string' };
    writeFileSync(join(documents, 'intake.json'), JSON.stringify(intake));

    const only = ['--services', 'intake,metrics'];
    const stale = run('--check', '--documents', documents, '--out', out, ...only);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(join(out, 'intake.ts'));
    expect(stale.stderr).not.toContain(join(out, 'metrics.ts'));

    expect(run('--documents', documents, '--out', out, ...only).status).toBe(0);
    expect(readFileSync(join(out, 'intake.ts'), 'utf8')).toMatch(/nickname\?: string;/);
    // Idempotent: a second generation changes nothing.
    expect(run('--check', '--documents', documents, '--out', out, ...only).status).toBe(0);
  });
});
