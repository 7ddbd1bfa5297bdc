#!/usr/bin/env node
// `node collections/motcua/make-fixtures.mjs <dir>`: writes what the collection uploads and verifies, made fresh
// by the test PKI (@motcua/test-pki, built by `npm start` or `npm test`): a one-page application form signed
// PAdES-style by "Nguyen Van An" under a new root with its CRLs embedded (<dir>/to-khai.pdf), and that root's
// certificate as one line of base64 DER (<dir>/root.b64) for the admin to pin. Fresh each run: a committed signed
// file would expire with its CRLs. Test keys only; nothing here is a secret.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import * as pkijs from 'pkijs';
import testPki from '@motcua/test-pki';

const { createCrl, createPdf, createRoot, issue, signPdf } = testPki;

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node collections/motcua/make-fixtures.mjs <output dir>\n');
  process.exit(2);
}

// The library wraps DER in the caller's classes; plain pkijs objects are all the signer needs.
const codec = {
  certificate: (der) => {
    const parsed = pkijs.Certificate.fromBER(der);
    return {
      der,
      parsed,
      serialNumber: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex'),
    };
  },
  crl: (der) => ({ der, parsed: pkijs.CertificateRevocationList.fromBER(der) }),
};

const root = await createRoot(codec, 'Bruno Test Root CA');
const ca = await issue(codec, root, 'Bruno Test Issuing CA', { ca: true, key: { type: 'rsa', bits: 2048 } });
const signer = await issue(codec, ca, 'Nguyen Van An');
const [caCrl, rootCrl] = await Promise.all([createCrl(codec, ca, []), createCrl(codec, root, [])]);
const form = signPdf(await createPdf(1, 'Tờ khai đăng ký khai sinh'), {
  signer,
  chain: [ca],
  crls: [caCrl, rootCrl],
});

const out = resolve(dir);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'to-khai.pdf'), form);
writeFileSync(join(out, 'root.b64'), `${Buffer.from(root.certificate.der).toString('base64')}\n`);
process.stdout.write(`${out}\n`);
