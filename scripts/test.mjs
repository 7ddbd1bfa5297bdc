#!/usr/bin/env node
// `npm test`: type check, lint, then every test tier (unit, integration, e2e) on the real infrastructure,
// which it starts when it is not running. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, ensureInfrastructure, requireNode24, root } from './lib/infra.mjs';

requireNode24();
const started = Date.now();
const jestArgs = process.argv.slice(2);

function step(name, command, args) {
  console.error(`\n== ${name}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0) {
    console.error(`\nnpm test: ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

// kustomize, compose-config and the Kubernetes schemas for infra/test/*.spec.ts, installed from registries into
// .local/tools once per machine (~35-90 s the first time, well under a second after).
function ensureManifestTools() {
  step('manifest tools (kustomize, compose-config, Kubernetes schemas)', process.execPath, [
    join(root, 'infra/test/ensure-tools.mjs'),
  ]);
}

// schemathesis for e2e/api-fuzzing.e2e-spec.ts, from PyPI into the .local/tools/schemathesis venv once per machine.
function ensureSchemathesis() {
  step('schemathesis (API fuzzer)', process.execPath, [join(root, 'infra/test/ensure-schemathesis.mjs')]);
}

// pyHanko for the esignature agreement test and benchmark (issue 14): a pinned venv in .local/tools/pyhanko
// (~25 s the first time, nothing after).
function ensurePyhanko() {
  step('pyHanko (esignature agreement test)', process.execPath, [
    join(root, 'services/esignature/test/support/ensure-pyhanko.mjs'),
  ]);
}

if (jestArgs.length === 0) {
  step('type check', process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.json',
    '--noEmit',
  ]);
  step('format', process.execPath, [
    join(root, 'node_modules/prettier/bin/prettier.cjs'),
    '--check',
    '--log-level',
    'warn',
    '.',
  ]);
  step('Dockerfiles in sync with infra/docker/service.Dockerfile', 'bash', [
    join(root, 'infra/docker/sync-dockerfiles.sh'),
    '--check',
  ]);
  // The module-boundary rule reads Nx's project graph; compute it first (a fresh clone has none).
  step('project graph', process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects']);
  step('lint', process.execPath, [
    join(root, 'node_modules/eslint/bin/eslint.js'),
    '.',
    '--max-warnings',
    '0',
  ]);
}
ensureManifestTools();
ensureSchemathesis();
ensurePyhanko();
// Debian's headless Chromium for the dashboard's browser tests (installed once per machine, as root).
step('headless Chromium (dashboard browser tests)', process.execPath, [
  join(root, 'infra/test/ensure-chromium.mjs'),
]);
// pdfsig and certutil, the second judge of the signed forms (Debian packages, once per machine, as root).
step('pdfsig (form signature agreement)', process.execPath, [join(root, 'infra/test/ensure-pdfsig.mjs')]);
ensureInfrastructure();
build();

// One folder per run for the services' logs (libs/testing test-logs.ts) and jest's results: .local may be
// shared by several checkouts running at once.
const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
process.env.MOTCUA_TEST_RUN_ID ??= runId;
const runDir = join(root, '.local/test-logs', process.env.MOTCUA_TEST_RUN_ID);
mkdirSync(runDir, { recursive: true });
// Runs of more than two days ago are dropped (each a folder named by its start).
for (const entry of readdirSync(dirname(runDir), { withFileTypes: true })) {
  const path = join(dirname(runDir), entry.name);
  if (entry.isDirectory() && Date.now() - statSync(path).mtimeMs > 2 * 24 * 3600 * 1000)
    rmSync(path, { recursive: true, force: true });
}
const resultsFile = join(runDir, 'jest-results.json');
console.error('\n== tests (unit, integration, e2e)');
const jest = spawnSync(
  process.execPath,
  // NestJS 12 ships ES modules; jest loads them from CommonJS tests through node's VM modules.
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=TimeoutNegativeWarning',
    join(root, 'node_modules/jest/bin/jest.js'),
    '--ci',
    '--maxWorkers=2',
    '--json',
    `--outputFile=${resultsFile}`,
    ...jestArgs,
  ],
  { stdio: 'inherit', cwd: root },
);

let summary;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
} catch {
  summary = '0 passed, 1 failed';
}
console.error(`\nnpm test finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`tests: ${summary}`);
process.exit(jest.status ?? 1);
