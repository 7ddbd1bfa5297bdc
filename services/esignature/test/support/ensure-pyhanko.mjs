#!/usr/bin/env node
/* global console, process */
// Installs pyHanko (PyPI, pinned with its dependencies in pyhanko-requirements.txt) into the git-ignored
// .local/tools/pyhanko as a Python virtual environment, once per machine: the independent judge of the
// esignature agreement test and the peer of bench/esignature-verify.mjs. Does nothing when the installed
// pins match. Safe when two runs race: each builds in its own temporary folder and renames it into place;
// the loser discards its copy. `node services/esignature/test/support/ensure-pyhanko.mjs` prints the python.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../..');
const toolsDir = join(root, '.local/tools');
export const pyhankoDir = join(toolsDir, 'pyhanko');
export const pyhankoPython = join(pyhankoDir, 'bin', 'python');
export const judgeScript = join(here, 'pyhanko-judge.py');
const requirements = readFileSync(join(here, 'pyhanko-requirements.txt'), 'utf8');
const marker = (dir) => join(dir, 'motcua-requirements.txt');

const installed = () =>
  existsSync(pyhankoPython) &&
  existsSync(marker(pyhankoDir)) &&
  readFileSync(marker(pyhankoDir), 'utf8') === requirements;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
}

export function ensurePyhanko(log = (line) => console.error(line)) {
  if (installed()) return pyhankoPython;
  mkdirSync(toolsDir, { recursive: true });
  log('installing pyHanko into .local/tools/pyhanko (pip, pinned, once per machine)');
  const work = mkdtempSync(join(toolsDir, 'pyhanko-'));
  try {
    run('python3', ['-m', 'venv', work]);
    writeFileSync(join(work, 'requirements.txt'), requirements);
    run(join(work, 'bin', 'python'), [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      '-r',
      join(work, 'requirements.txt'),
    ]);
    writeFileSync(marker(work), requirements);
    if (installed()) return pyhankoPython; // another run finished first
    rmSync(pyhankoDir, { recursive: true, force: true }); // stale pins
    try {
      renameSync(work, pyhankoDir);
    } catch (error) {
      if (!installed()) throw error; // lost the race to a complete install: fine
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`pyHanko is not usable at ${pyhankoDir}`);
  return pyhankoPython;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePyhanko());
