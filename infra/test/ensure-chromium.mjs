#!/usr/bin/env node
// Headless Chromium for the dashboard's browser tests (e2e/dashboard.e2e-spec.ts): Debian's `chromium` package,
// driven by puppeteer-core, which downloads no browser of its own. Installed when missing (as root, as CI runs);
// apt-get waits for dpkg's lock, so two runs racing install it once. The version found is recorded beside the
// screenshots, in .local/artifacts/dashboard/chromium-version.txt.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const chromium = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';

function version() {
  const result = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function aptGet(...args) {
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

let found = version();
if (!found) {
  if (process.getuid?.() !== 0) {
    console.error(
      `${chromium} is missing: install Debian's chromium package (sudo apt-get install -y chromium)`,
    );
    process.exit(1);
  }
  console.error('chromium: installing the Debian package (once per machine) ...');
  // A fresh machine may have no package lists yet: update only when the install cannot find the package.
  const installed =
    aptGet('install', '-y', '--no-install-recommends', 'chromium') ||
    (aptGet('update') && aptGet('install', '-y', '--no-install-recommends', 'chromium'));
  found = installed ? version() : null;
  if (!found) {
    console.error('chromium: the install failed (see above)');
    process.exit(1);
  }
}
const artifacts = join(root, '.local/artifacts/dashboard');
mkdirSync(artifacts, { recursive: true });
writeFileSync(join(artifacts, 'chromium-version.txt'), `${found}\n`);
console.error(`chromium: ${found}`);
