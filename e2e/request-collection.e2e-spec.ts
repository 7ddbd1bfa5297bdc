import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { IsolatedStack, startIsolatedStack } from '@motcua/testing';

const repoRoot = join(__dirname, '..');
const collection = join(repoRoot, 'collections/motcua');

/** The parts of the Bruno CLI's JSON report (`--reporter-json`) this test reads. */
type TestResult = { description: string; status: string; error?: string };
interface BrunoResult {
  test: { filename: string };
  name: string;
  status: string;
  error: string | null;
  response?: { status?: number };
  assertionResults?: { lhsExpr: string; rhsExpr: string; status: string; error?: string }[];
  testResults?: TestResult[];
  preRequestTestResults?: TestResult[];
  postResponseTestResults?: TestResult[];
}
interface BrunoIteration {
  results: BrunoResult[];
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Every request file of the collection (folder.bru and environments are not requests). */
function requestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'environments' ? [] : requestFiles(path);
    return entry.name.endsWith('.bru') && entry.name !== 'folder.bru' ? [relative(collection, path)] : [];
  });
}

const checksOf = (result: BrunoResult): { what: string; status: string; error?: string }[] => [
  ...(result.assertionResults ?? []).map((a) => ({ ...a, what: `${a.lhsExpr} ${a.rhsExpr}` })),
  ...[
    ...(result.testResults ?? []),
    ...(result.preRequestTestResults ?? []),
    ...(result.postResponseTestResults ?? []),
  ].map((t) => ({ ...t, what: t.description })),
];

/**
 * One line per failed request: its file, and each failed assertion or test with its message. The request's own
 * `status` is "pass" once it was sent, even when its assertions failed: both are read.
 */
function failuresOf(results: BrunoResult[]): string[] {
  return results.flatMap((result) => {
    const failed = checksOf(result)
      .filter((check) => check.status !== 'pass')
      .map((check) => `${check.what}: ${check.error ?? check.status}`);
    if (result.status === 'pass' && failed.length === 0) return [];
    return [
      `${result.test.filename} (HTTP ${result.response?.status ?? '-'}): ${
        [result.error, ...failed].filter(Boolean).join('; ') || result.status
      }`,
    ];
  });
}

/**
 * The committed Bruno collection (collections/motcua) is a test: the clerk, the officer, the citizen portal, the
 * national admin and the auditor walk a dossier's life through all six services, each request asserting its status
 * and key fields, the codes chained from one request to the next. This runs it with the Bruno CLI against an
 * isolated stack, as a user runs it against `npm start`, and fails naming every request that did not pass.
 */
describe('the request collection (Bruno) runs green against the started stack', () => {
  let system: IsolatedStack;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'motcua-bruno-'));
    system = await startIsolatedStack('bruno', 4900);
  });

  afterAll(async () => {
    await system?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('every request of the collection passes its assertions and tests', async () => {
    // The way a user runs it (collections/motcua/run.mjs: fixtures, a token per user from scripts/token.mjs),
    // pointed at this stack's ports.
    const report = join(work, 'report.json');
    const { code, output } = await run(
      process.execPath,
      [
        join(collection, 'run.mjs'),
        '--env',
        'test',
        '--work',
        work,
        ...['intake', 'digitization', 'esignature', 'metrics'].flatMap((service) => [
          '--env-var',
          `${service}Url=${system.stack.url(service)}`,
        ]),
        '--reporter-json',
        report,
        '--reporter-skip-all-headers',
      ],
      repoRoot,
    );
    let iterations: BrunoIteration[];
    try {
      iterations = JSON.parse(readFileSync(report, 'utf8')) as BrunoIteration[];
    } catch {
      throw new Error(`bru wrote no report (exit ${code}):\n${output.slice(-4000)}`);
    }
    const results = iterations.flatMap((iteration) => iteration.results);

    expect(failuresOf(results)).toEqual([]);
    // Each request is a test: none without an assertion.
    expect(results.filter((result) => !result.assertionResults?.length).map((r) => r.test.filename)).toEqual(
      [],
    );
    // Every request file ran, once (a file Bruno could not parse would be missing).
    expect(results.map((result) => result.test.filename).sort()).toEqual(requestFiles(collection).sort());
    expect(code).toBe(0);
  });
});
