#!/usr/bin/env node
// Headless Chromium for the dashboard's browser tests (e2e/dashboard.e2e-spec.ts): Debian's `chromium` package,
// driven by puppeteer-core, which downloads no browser of its own (debian-package.mjs installs it when missing).
// The version found is recorded beside the screenshots, in .local/artifacts/dashboard/chromium-version.txt.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from './debian-package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const chromium = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';

function version() {
  const result = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

const found = ensureDebianPackages({ label: 'chromium', packages: ['chromium'], version });
const artifacts = join(root, '.local/artifacts/dashboard');
mkdirSync(artifacts, { recursive: true });
writeFileSync(join(artifacts, 'chromium-version.txt'), `${found}\n`);
console.error(`chromium: ${found}`);
