// Debian packages the tests need (Chromium for the dashboard, poppler's pdfsig and NSS's certutil for the form
// signatures), installed when missing, as root (as CI runs); apt-get waits for dpkg's lock, so two runs racing
// install once. A fresh machine may have no package lists yet: update only when the install cannot find them.
import { spawnSync } from 'node:child_process';

function aptGet(...args) {
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Returns what `version()` reports, installing `packages` first when it reports nothing; exits the process with a
 * clear message when they cannot be installed.
 */
export function ensureDebianPackages({ label, packages, version }) {
  let found = version();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      `${label} is missing: install Debian's ${packages.join(' ')} (sudo apt-get install -y ${packages.join(' ')})`,
    );
    process.exit(1);
  }
  console.error(`${label}: installing the Debian package(s) ${packages.join(' ')} (once per machine) ...`);
  const install = () => aptGet('install', '-y', '--no-install-recommends', ...packages);
  found = install() || (aptGet('update') && install()) ? version() : null;
  if (!found) {
    console.error(`${label}: the install failed (see above)`);
    process.exit(1);
  }
  return found;
}
