#!/usr/bin/env node
// Writes asyncapi/motcua.json from the event catalogue in libs/contracts (`npm run asyncapi`, after a build);
// libs/contracts/test/asyncapi-document.spec.ts fails while the committed document differs from it.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildAsyncApiDocument } = createRequire(import.meta.url)(join(root, 'libs/contracts/dist/index.js'));
const path = join(root, 'asyncapi/motcua.json');
await writeFile(path, `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`);
console.log(`asyncapi: wrote ${path}`);
