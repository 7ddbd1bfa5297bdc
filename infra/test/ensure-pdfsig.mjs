#!/usr/bin/env node
// poppler's pdfsig (Debian poppler-utils) and NSS's certutil (libnss3-tools): the second independent judge, beside
// pyHanko, of the forms intake signs (e2e/form-signatures.e2e-spec.ts). Debian bookworm ships poppler 22.12; the
// version found is printed, and the test records it with its verdicts.
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages } from './debian-package.mjs';

function version() {
  const pdfsig = spawnSync('pdfsig', ['-v'], { encoding: 'utf8' });
  const certutil = spawnSync('certutil', ['-H'], { encoding: 'utf8' });
  if (pdfsig.error || certutil.error) return null;
  return (pdfsig.stdout + pdfsig.stderr).split('\n')[0].trim() || null;
}

const found = ensureDebianPackages({
  label: 'pdfsig',
  packages: ['poppler-utils', 'libnss3-tools'],
  version,
});
console.error(`pdfsig: ${found}`);
