#!/usr/bin/env node
// Installs schemathesis (the API fuzzer of e2e/api-fuzzing.e2e-spec.ts) from PyPI into a virtualenv in the
// git-ignored .local/tools/schemathesis, once per machine, and does nothing when it is already there. Every package
// is pinned in infra/test/schemathesis/requirements.txt and installed with --no-deps, so a run never picks up a
// newer transitive version. The venv is built under a temporary name and renamed into place, so two test runs that
// race both end with one complete venv; a changed requirements file (its digest is in the marker) rebuilds it.
// `node infra/test/ensure-schemathesis.mjs [--json]` prints the python to run it with
// (`<python> -m schemathesis.cli run ...`: the venv's own scripts name the temporary path, python does not).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const requirements = join(root, 'infra/test/schemathesis/requirements.txt');
export const SCHEMATHESIS_VERSION = '4.32.5';
export const schemathesisDir = join(root, '.local/tools/schemathesis');
export const schemathesisPython = join(schemathesisDir, 'bin', 'python');
const marker = join(schemathesisDir, '.complete');

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
  return result.stdout;
}

const digestOfRequirements = () => createHash('sha256').update(readFileSync(requirements)).digest('hex');

/** Installs what is missing; returns the python that runs schemathesis. */
export function ensureSchemathesis(log = (line) => console.error(line)) {
  const digest = digestOfRequirements();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return { python: schemathesisPython };
  const started = Date.now();
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${schemathesisDir} (once per machine)`);
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const work = `${schemathesisDir}.tmp-${suffix}`;
  mkdirSync(dirname(schemathesisDir), { recursive: true });
  try {
    run('python3', ['-m', 'venv', work]);
    run(join(work, 'bin', 'python'), [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--requirement',
      requirements,
    ]);
    const version = run(join(work, 'bin', 'python'), [
      '-c',
      'import schemathesis; print(schemathesis.__version__)',
    ]);
    if (version.trim() !== SCHEMATHESIS_VERSION)
      throw new Error(`the venv has schemathesis ${version.trim()}, expected ${SCHEMATHESIS_VERSION}`);
    writeFileSync(join(work, '.complete'), digest);
    // A stale or half-built venv is moved aside first; whoever renames second finds the place taken and keeps
    // the winner's (same pins) when it is complete.
    if (existsSync(schemathesisDir) && !(existsSync(marker) && readFileSync(marker, 'utf8') === digest)) {
      const old = `${schemathesisDir}.old-${suffix}`;
      try {
        renameSync(schemathesisDir, old);
        rmSync(old, { recursive: true, force: true });
      } catch {
        // another run moved it already
      }
    }
    try {
      renameSync(work, schemathesisDir);
    } catch (error) {
      if (!(existsSync(marker) && readFileSync(marker, 'utf8') === digest)) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`schemathesis ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { python: schemathesisPython };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureSchemathesis();
    if (process.argv.includes('--json'))
      console.log(JSON.stringify({ ...tools, version: SCHEMATHESIS_VERSION }));
    else console.error(`schemathesis ${SCHEMATHESIS_VERSION}: ${tools.python} -m schemathesis.cli`);
  } catch (error) {
    console.error(`infra/test/ensure-schemathesis.mjs: ${error.message}`);
    process.exit(1);
  }
}
