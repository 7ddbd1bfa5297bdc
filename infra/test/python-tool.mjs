// Installs a Python test tool from PyPI into a virtualenv in the git-ignored .local/tools/<name>, once per machine,
// and does nothing when the pins are already installed. The venv is built under a temporary name and renamed into
// place, so two test runs that race both end with one complete venv; a changed requirements file (its digest is in
// the marker) rebuilds it. Returns the venv's python (its own scripts name the temporary path, python does not).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
  return result.stdout;
}

/** Where a tool's venv lives and the python that runs it. */
export function pythonToolPaths(name) {
  const dir = join(root, '.local/tools', name);
  return { dir, python: join(dir, 'bin', 'python') };
}

/**
 * @param {{ name: string, label: string, requirements: string, pipArgs?: string[], check?: (python: string) => void,
 *   log?: (line: string) => void }} tool `requirements` is the path of a pinned requirements file; `check` may run
 *   the fresh venv's python to verify the install (and throw).
 */
export function ensurePythonTool({
  name,
  label,
  requirements,
  pipArgs = [],
  check,
  log = (l) => console.error(l),
}) {
  const { dir, python } = pythonToolPaths(name);
  const marker = join(dir, '.complete');
  const digest = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const installed = () => existsSync(marker) && readFileSync(marker, 'utf8') === digest;
  if (installed()) return python;
  const started = Date.now();
  log(`installing ${label} from PyPI into ${dir} (pinned, once per machine)`);
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const work = `${dir}.tmp-${suffix}`;
  mkdirSync(dirname(dir), { recursive: true });
  try {
    run('python3', ['-m', 'venv', work]);
    const workPython = join(work, 'bin', 'python');
    run(workPython, [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      ...pipArgs,
      '--requirement',
      requirements,
    ]);
    check?.(workPython);
    writeFileSync(join(work, '.complete'), digest);
    // A stale or half-built venv is moved aside first; whoever renames second finds the place taken and keeps the
    // winner's (same pins) when it is complete.
    if (existsSync(dir) && !installed()) {
      const old = `${dir}.old-${suffix}`;
      try {
        renameSync(dir, old);
        rmSync(old, { recursive: true, force: true });
      } catch {
        // another run moved it already
      }
    }
    try {
      renameSync(work, dir);
    } catch (error) {
      if (!installed()) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`${label} is not usable at ${dir}`);
  log(`${label} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return python;
}

export { run as runChecked };
