#!/usr/bin/env node
// Compiles every workspace's src/ to its dist/ with SWC (type checking is `npm run typecheck`).
// Libraries resolve at run time through the npm workspace links (node_modules/@motcua/* -> libs/*).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name))
      yield path;
  }
}

// Static files in an `assets/` folder of src/ (the metrics dashboard's page) are copied into dist/ as they are.
async function* assetFiles(dir, inAssets = false) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* assetFiles(path, inAssets || entry.name === 'assets');
    else if (inAssets) yield path;
  }
}

async function buildWorkspace(dir) {
  const src = join(dir, 'src');
  const out = join(dir, 'dist');
  if (!existsSync(src)) return 0;
  await rm(out, { recursive: true, force: true });
  let count = 0;
  for await (const file of sources(src)) {
    const target = join(out, relative(src, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceFileName: relative(dirname(target), file),
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count += 1;
  }
  for await (const file of assetFiles(src)) {
    const target = join(out, relative(src, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  return count;
}

const started = Date.now();
let files = 0;
for (const group of ['libs', 'services']) {
  for (const name of await readdir(join(root, group))) {
    files += await buildWorkspace(join(root, group, name));
  }
}
console.error(`build: ${files} files compiled in ${Date.now() - started} ms`);
