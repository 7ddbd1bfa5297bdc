#!/usr/bin/env node
// Installs schemathesis (the API fuzzer of e2e/api-fuzzing.e2e-spec.ts) from PyPI into .local/tools/schemathesis
// (infra/test/python-tool.mjs). Every package is pinned in infra/test/schemathesis/requirements.txt and installed
// with --no-deps, so a run never picks up a newer transitive version.
// `node infra/test/ensure-schemathesis.mjs [--json]` prints the python to run it with
// (`<python> -m schemathesis.cli run ...`).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonTool, pythonToolPaths, runChecked } from './python-tool.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMATHESIS_VERSION = '4.32.5';
export const { dir: schemathesisDir, python: schemathesisPython } = pythonToolPaths('schemathesis');

/** Installs what is missing; returns the python that runs schemathesis. */
export function ensureSchemathesis(log = (line) => console.error(line)) {
  const python = ensurePythonTool({
    name: 'schemathesis',
    label: `schemathesis ${SCHEMATHESIS_VERSION}`,
    requirements: join(here, 'schemathesis/requirements.txt'),
    pipArgs: ['--no-deps'],
    check: (fresh) => {
      const version = runChecked(fresh, [
        '-c',
        'import schemathesis; print(schemathesis.__version__)',
      ]).trim();
      if (version !== SCHEMATHESIS_VERSION)
        throw new Error(`the venv has schemathesis ${version}, expected ${SCHEMATHESIS_VERSION}`);
    },
    log,
  });
  return { python };
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
