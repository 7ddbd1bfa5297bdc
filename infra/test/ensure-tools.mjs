#!/usr/bin/env node
// Installs what the manifest test (infra/test/manifests.spec.ts) needs into the git-ignored .local/tools,
// once per machine, from package registries only, and does nothing when it is already there:
//   - kustomize, built from the Go module proxy (`go install`, pinned; the Go toolchain is on the machine);
//   - compose-config (infra/test/compose-config), a small Go program around compose-go, the loader of the
//     docker compose CLI, for `docker compose config` where the compose plugin is not installed;
//   - the Kubernetes JSON schemas (strict: unknown fields are errors) of one pinned Kubernetes version,
//     taken from the PyPI wheel of kubernetes-validate (pinned, sha256 checked), so that the test
//     validates offline.
// `node infra/test/ensure-tools.mjs [--json]` prints where they are; scripts/test.mjs runs it before jest.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const KUSTOMIZE_MODULE = 'sigs.k8s.io/kustomize/kustomize/v5';
// v5.8.3 needs Go 1.27; this machine kind has Go 1.26.
export const KUSTOMIZE_VERSION = 'v5.8.2';
export const SCHEMA_PACKAGE = 'kubernetes-validate';
export const SCHEMA_PACKAGE_VERSION = '1.37.0';
const SCHEMA_WHEEL_SHA256 = '85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9';
/** The Kubernetes version the manifests are validated against (the wheel ships 1.2x to 1.37). */
export const KUBERNETES_VERSION = '1.34.0';

export const toolsDir = join(root, '.local/tools');
export const kustomizeBin = join(toolsDir, 'bin', 'kustomize');
export const composeConfigBin = join(toolsDir, 'bin', 'compose-config');
const composeConfigSource = join(root, 'infra/test/compose-config');
export const schemaDir = join(
  toolsDir,
  `kubernetes-json-schema-${SCHEMA_PACKAGE_VERSION}`,
  `v${KUBERNETES_VERSION}-local-strict`,
);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}

function kustomizeIsPinned() {
  if (!existsSync(kustomizeBin)) return false;
  const result = spawnSync(kustomizeBin, ['version'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === KUSTOMIZE_VERSION;
}

// GOTOOLCHAIN=local: never fetch another Go; -modcacherw keeps the module cache deletable.
const goEnv = () => ({ ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-modcacherw', CGO_ENABLED: '0' });

function ensureKustomize(log) {
  if (kustomizeIsPinned()) return false;
  log(`building kustomize ${KUSTOMIZE_VERSION} (go install, once per machine)`);
  run('go', ['install', `${KUSTOMIZE_MODULE}@${KUSTOMIZE_VERSION}`], {
    env: { ...goEnv(), GOBIN: dirname(kustomizeBin) },
  });
  if (!kustomizeIsPinned()) throw new Error(`${kustomizeBin} does not report ${KUSTOMIZE_VERSION}`);
  return true;
}

/** Rebuilt when its source or pinned dependencies change (the digest of go.mod, go.sum, main.go). */
function ensureComposeConfig(log) {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go'])
    hash.update(readFileSync(join(composeConfigSource, file)));
  const digest = hash.digest('hex');
  const marker = `${composeConfigBin}.sha256`;
  if (existsSync(composeConfigBin) && existsSync(marker) && readFileSync(marker, 'utf8') === digest)
    return false;
  log('building compose-config (compose-go, go build, once per machine)');
  run('go', ['build', '-o', composeConfigBin, '.'], { cwd: composeConfigSource, env: goEnv() });
  writeFileSync(marker, digest);
  return true;
}

const schemaMarker = () => join(schemaDir, '.complete');

function ensureSchemas(log) {
  if (existsSync(schemaMarker())) return false;
  log(
    `fetching the Kubernetes ${KUBERNETES_VERSION} schemas (${SCHEMA_PACKAGE}==${SCHEMA_PACKAGE_VERSION} from PyPI, once per machine)`,
  );
  mkdirSync(toolsDir, { recursive: true });
  const work = mkdtempSync(join(toolsDir, 'schemas-'));
  try {
    run('python3', [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--disable-pip-version-check',
      '--no-deps',
      '--only-binary=:all:',
      '--dest',
      work,
      `${SCHEMA_PACKAGE}==${SCHEMA_PACKAGE_VERSION}`,
    ]);
    const wheel = join(work, `kubernetes_validate-${SCHEMA_PACKAGE_VERSION}-py3-none-any.whl`);
    const digest = createHash('sha256').update(readFileSync(wheel)).digest('hex');
    if (digest !== SCHEMA_WHEEL_SHA256)
      throw new Error(`${wheel}: sha256 ${digest}, expected ${SCHEMA_WHEEL_SHA256}`);
    // Only the one version's strict schemas (python's zipfile: no unzip binary needed).
    const prefix = `kubernetes_validate/kubernetes-json-schema/v${KUBERNETES_VERSION}-local-strict/`;
    const extracted = join(work, 'extracted');
    run('python3', [
      '-c',
      'import sys, zipfile\n' +
        'z = zipfile.ZipFile(sys.argv[1])\n' +
        'z.extractall(sys.argv[3], [n for n in z.namelist() if n.startswith(sys.argv[2])])',
      wheel,
      prefix,
      extracted,
    ]);
    const source = join(extracted, prefix);
    if (!existsSync(join(source, '_definitions.json'))) throw new Error(`${prefix} is not in ${wheel}`);
    writeFileSync(join(source, '.complete'), `${SCHEMA_PACKAGE}==${SCHEMA_PACKAGE_VERSION}\n`);
    rmSync(schemaDir, { recursive: true, force: true });
    mkdirSync(dirname(schemaDir), { recursive: true });
    renameSync(source, schemaDir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return true;
}

/** Installs what is missing; returns the paths the test uses. */
export function ensureManifestTools(log = (line) => console.error(line)) {
  const started = Date.now();
  const built = ensureKustomize(log);
  const composeBuilt = ensureComposeConfig(log);
  const fetched = ensureSchemas(log);
  if (built || composeBuilt || fetched)
    log(`manifest tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { kustomizeBin, composeConfigBin, schemaDir };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureManifestTools();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ ...tools, kubernetesVersion: KUBERNETES_VERSION }));
    } else {
      console.error(`kustomize ${KUSTOMIZE_VERSION}: ${tools.kustomizeBin}`);
      console.error(`compose-config: ${tools.composeConfigBin}`);
      console.error(`Kubernetes ${KUBERNETES_VERSION} schemas: ${tools.schemaDir}`);
    }
  } catch (error) {
    console.error(`infra/test/ensure-tools.mjs: ${error.message}`);
    process.exit(1);
  }
}
