#!/usr/bin/env node
// `npm run collection -- [--env local|test] [--work dir] [bru run options...]` (node collections/motcua/run.mjs): runs the whole collection
// with the Bruno CLI against a running stack (default: `npm start`'s, environment `local`). It makes the fixtures
// (make-fixtures.mjs) and mints one development token per user with scripts/token.mjs (the key `npm start`
// generated in .local/jwt), passes them as --env-var (never written to the collection), and adds any further
// bru options given (e.g. --env-var intakeUrl=..., --reporter-json report.json). Exits with bru's exit code.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const collection = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(collection, '../..');
const AGENCY = '000.00.12.H49';
const CITIZEN = '001203004567';

/** Takes `--name value` out of the arguments; the rest go to bru. */
function option(args, name, fallback) {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
}

function run(command, args, { capture = false, cwd = repoRoot } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(stdout) : fail(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

const token = (role, agency, sub, citizen) =>
  run(
    process.execPath,
    [
      join(repoRoot, 'scripts/token.mjs'),
      ...['--role', role, '--agency', agency, '--sub', sub],
      ...(citizen ? ['--citizen', citizen] : []),
    ],
    { capture: true },
  ).then((out) => out.trim());

const args = process.argv.slice(2);
const env = option(args, '--env', 'local');
const work = resolve(option(args, '--work', join(repoRoot, '.local/bruno')));

try {
  await run(process.execPath, [join(collection, 'make-fixtures.mjs'), work], { capture: true });
  const vars = {
    fixturesDir: work,
    rootCertificate: readFileSync(join(work, 'root.b64'), 'utf8').trim(),
    agencyCode: AGENCY,
    citizenIdNumber: CITIZEN,
    clerkToken: await token('clerk', AGENCY, 'bruno-clerk'),
    officerToken: await token('officer', AGENCY, 'bruno-officer'),
    citizenToken: await token('citizen_portal', '000.00.00.H49', 'bruno-portal', CITIZEN),
    auditorToken: await token('auditor', AGENCY, 'bruno-auditor'),
    // Trust anchors are national: the national administrator pins the test root.
    adminToken: await token('admin', '*', 'bruno-admin'),
  };
  await run(
    process.execPath,
    [
      join(repoRoot, 'node_modules/@usebruno/cli/bin/bru.js'),
      'run',
      '-r',
      '--env',
      env,
      ...Object.entries(vars).flatMap(([key, value]) => ['--env-var', `${key}=${value}`]),
      ...args,
    ],
    { cwd: collection },
  );
} catch (error) {
  process.stderr.write(`run.mjs: ${error.message}\n`);
  process.exit(1);
}
