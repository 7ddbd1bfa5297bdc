#!/usr/bin/env node
/* global FormData, Blob */
// Benchmark (issue 5): verifications per second of a one-page signed PDF (RSA-2048 signer → issuing CA →
// root, CRLs for both links) through the esignature verifier, beside the raw crypto.verify of the same
// signature value over the same signed attributes, and pyHanko's validation of the same file (same trust anchor
// and CRLs, revocation checked with hard-fail, difference analysis on; one Python process), in one run. Prints
// the ratios verifier/raw and verifier/pyHanko. With --http (needs the local infrastructure) it also starts the
// esignature service alone (its own schema, the same anchor and CRLs in TRUST_DIR) and uploads the same file
// from 8 concurrent clients (POST /verifications, multipart, JWT), printing HTTP/pyHanko and HTTP/in-process.
// Usage: npx node bench/esignature-verify.mjs [--seconds 5]
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';
import { ensurePyhanko, judgeScript } from '../services/esignature/test/support/ensure-pyhanko.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    http: { type: 'boolean', default: false },
    clients: { type: 'string', default: '8' },
  },
});
const seconds = Number(values.seconds);
build();

const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'services/esignature/dist', path));
const { createTestPki, createPdf, signPdf } = require(join(root, 'libs/test-pki/dist/index.js'));
const { Certificate, RevocationList } = dist('verification/certificates.js');
const { verifyPdf } = dist('verification/verifier.js');
const { parseCms } = dist('verification/cms.js');
const { VerificationSandbox } = dist('sandbox/verification-sandbox.js');
const { PdfDocument, findRevisionEnds } = require(join(root, 'libs/pdf/dist/index.js'));

const pki = await createTestPki({
  certificate: (der) => Certificate.fromDer(der),
  crl: (der) => RevocationList.fromDer(der),
});
const pdf = signPdf(await createPdf(1), { signer: pki.rsa, chain: [pki.ca] });
const trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };

// The raw baseline: the same signature value, signed attributes and key, straight into crypto.verify.
const document = PdfDocument.parse(pdf);
const field = document.resolveDict(document.resolveDict(document.catalog().get('AcroForm')).get('Fields')[0]);
const contents = document.resolveDict(field.get('V')).get('Contents').bytes;
const cms = parseCms(contents);
const signedAttributes = Buffer.from(cms.signerInfo.signedAttrs.encodedValue);
const signatureValue = Buffer.from(cms.signerInfo.signature.valueBlock.valueHexView);

function rate(label, run) {
  const check = run();
  if (!check) throw new Error(`${label}: the verification did not pass`);
  for (let i = 0; i < 20; i += 1) run(); // warm-up
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(seconds * 1e9);
  let now = started;
  while (now < deadline) {
    run();
    count += 1;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - started) / 1e9);
}

async function asyncRate(run) {
  if (!(await run())) throw new Error('sandbox: the verification did not pass');
  for (let i = 0; i < 5; i += 1) await run();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await run();
    count += 1;
  }
  return count / ((performance.now() - started) / 1000);
}

const keyFromCertificate = pki.rsa.certificate.publicKey;
const raw = rate('raw', () => verify('sha256', signedAttributes, keyFromCertificate, signatureValue));
const verifier = rate('verifier', () => verifyPdf(pdf, { trust }).indication === 'TOTAL_PASSED');
const sandbox = new VerificationSandbox({
  workers: 1,
  timeoutMs: 30_000,
  maxHeapMb: 256,
  maxQueue: 8,
  limits: {
    maxDepth: 64,
    maxItems: 1_000_000,
    maxInflatePerStream: 64 << 20,
    maxInflateTotal: 256 << 20,
    maxFileSize: 50 << 20,
  },
});
const snapshot = {
  version: 'bench',
  anchors: trust.anchors.map((c) => c.der),
  crls: trust.crls.map((c) => c.der),
};
const threaded = await asyncRate(
  async () => (await sandbox.run({ kind: 'PDF', file: pdf }, snapshot)).indication === 'TOTAL_PASSED',
);
await sandbox.close();

// pyHanko, the peer: the same file, anchor and CRLs, in one Python process for the same time.
const python = ensurePyhanko();
const work = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
writeFileSync(join(work, 'signed.pdf'), pdf);
writeFileSync(join(work, 'root.der'), pki.root.certificate.der);
writeFileSync(join(work, 'ca.crl'), pki.caCrl.der);
writeFileSync(join(work, 'root.crl'), pki.rootCrl.der);
const peer = spawnSync(
  python,
  [
    judgeScript,
    'bench',
    join(work, 'root.der'),
    `${join(work, 'ca.crl')},${join(work, 'root.crl')}`,
    join(work, 'signed.pdf'),
    String(seconds),
  ],
  { encoding: 'utf8' },
);
rmSync(work, { recursive: true, force: true });
if (peer.status !== 0) throw new Error(`pyHanko benchmark failed: ${peer.stderr}`);
const pyhanko = JSON.parse(peer.stdout.trim().split('\n').at(-1)).rate;

console.log(
  `esignature verification of a one-page PDF (${pdf.length} bytes, ${findRevisionEnds(pdf).length} revisions), RSA-2048 signer, 3-certificate chain, 2 CRLs; ${seconds} s per phase`,
);
console.log(`  raw crypto.verify of the signature:      ${raw.toFixed(1)} /s`);
console.log(
  `  verifier, in process:                    ${verifier.toFixed(1)} /s   ratio verifier/raw ${(verifier / raw).toFixed(3)}`,
);
console.log(
  `  verifier, through the worker sandbox:    ${threaded.toFixed(1)} /s   ratio sandbox/raw ${(threaded / raw).toFixed(3)}`,
);
// The service over HTTP: 8 clients uploading the same signed file, each waiting for its report.
let http;
if (values.http) {
  ensureInfrastructure();
  const trustDir = mkdtempSync(join(tmpdir(), 'motcua-bench-trust-'));
  writeFileSync(join(trustDir, 'root.der'), pki.root.certificate.der);
  writeFileSync(join(trustDir, 'ca.crl'), pki.caCrl.der);
  writeFileSync(join(trustDir, 'root.crl'), pki.rootCrl.der);
  const service = await startIsolatedService('esignature', {
    portBase: 8300,
    env: { TRUST_DIR: trustDir },
    onOutput: (_service, line) => process.stderr.write(`[esignature] ${line}\n`),
  });
  try {
    const token = await service.token('clerk', '000.00.12.H49');
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'signed.pdf');
      const response = await fetch(`${service.url}/verifications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const body = await response.json();
      if (response.status !== 201 || body.indication !== 'TOTAL_PASSED')
        throw new Error(`HTTP verification: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    for (let i = 0; i < 10; i += 1) await upload(); // warm-up
    let count = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Number(values.clients) }, async () => {
        while (performance.now() - started < seconds * 1000) {
          await upload();
          count += 1;
        }
      }),
    );
    http = count / ((performance.now() - started) / 1000);
  } finally {
    await service.cleanup();
    rmSync(trustDir, { recursive: true, force: true });
  }
}

console.log(
  `  pyHanko 0.38 validate (one process):      ${pyhanko.toFixed(1)} /s   ratio verifier/pyHanko ${(verifier / pyhanko).toFixed(1)}, sandbox/pyHanko ${(threaded / pyhanko).toFixed(1)}`,
);
if (http !== undefined)
  console.log(
    `  service over HTTP, ${values.clients} clients:            ${http.toFixed(1)} /s   ratio HTTP/pyHanko ${(http / pyhanko).toFixed(1)} (target >= 5), HTTP/in-process ${(http / verifier).toFixed(2)} (target >= 0.5)`,
  );
process.exit(0);
