import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../..');

/** The venv python schemathesis runs with (installed by infra/test/ensure-schemathesis.mjs, as `npm test` does). */
export function schemathesisPython(): string {
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'infra/test/ensure-schemathesis.mjs'), '--json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`infra/test/ensure-schemathesis.mjs failed:\n${result.stderr}`);
  return (JSON.parse(result.stdout) as { python: string }).python;
}
