#!/usr/bin/env node
/* global console, process */
// Installs pyHanko (PyPI, pinned with its dependencies in pyhanko-requirements.txt) into .local/tools/pyhanko
// (infra/test/python-tool.mjs), once per machine: the independent judge of the esignature agreement test and the
// peer of bench/esignature-verify.mjs. `node services/esignature/test/support/ensure-pyhanko.mjs` prints the python.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonTool, pythonToolPaths } from '../../../../infra/test/python-tool.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const { dir: pyhankoDir, python: pyhankoPython } = pythonToolPaths('pyhanko');
export const judgeScript = join(here, 'pyhanko-judge.py');

export function ensurePyhanko(log = (line) => console.error(line)) {
  return ensurePythonTool({
    name: 'pyhanko',
    label: 'pyHanko',
    requirements: join(here, 'pyhanko-requirements.txt'),
    log,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePyhanko());
