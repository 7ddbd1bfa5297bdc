// The development form-signing CA (development only, never a production trust anchor): created on first start
// like the JWT key, its CRL renewed before it runs out. Intake issues each agency's signing certificate from it
// (FORM_SIGNING_DEV_CA_DIR) and esignature pins the CA and its CRL at start (TRUST_DIR = its trust/ folder).
import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { createCrl, createRoot, DAY_MS, DER_CODEC, loadIssued, privateKeyPem, toPem } from '@motcua/pdf';

export const DEVELOPMENT_CA_SUBJECT =
  'CN=motcua development form-signing CA, O=motcua (development only), C=VN';
const CRL_VALIDITY_DAYS = 30;

export interface DevelopmentCa {
  /** FORM_SIGNING_DEV_CA_DIR for intake: ca.key.pem, trust/ca.crt, trust/ca.crl, agencies/. */
  dir: string;
  /** TRUST_DIR for esignature: the CA certificate and its CRL only. */
  trustDir: string;
}

export const developmentCaPaths = (dir: string) => ({
  key: join(dir, 'ca.key.pem'),
  certificate: join(dir, 'trust', 'ca.crt'),
  crl: join(dir, 'trust', 'ca.crl'),
});

function writeAtomically(path: string, content: string, mode = 0o644) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}

/** Creates the CA once, and a new CRL when there is none or half of its validity has passed. */
export async function ensureDevelopmentCa(dir: string, now = new Date()): Promise<DevelopmentCa> {
  const paths = developmentCaPaths(dir);
  mkdirSync(join(dir, 'trust'), { recursive: true, mode: 0o700 });
  const fresh = !existsSync(paths.key) || !existsSync(paths.certificate);
  if (fresh) {
    const ca = await createRoot(DER_CODEC, 'motcua development form-signing CA', {
      key: { type: 'ec', curve: 'P-256' },
      subject: DEVELOPMENT_CA_SUBJECT,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS),
    });
    writeAtomically(paths.key, privateKeyPem(ca), 0o600);
    writeAtomically(paths.certificate, toPem(ca.certificate.der, 'CERTIFICATE'));
  }
  // A new CA always gets its own CRL (one left from an earlier CA would not verify).
  const current = !fresh && existsSync(paths.crl) ? readFileSync(paths.crl, 'utf8') : '';
  const thisUpdate = current ? new x509.X509Crl(current).thisUpdate : undefined;
  if (!thisUpdate || now.getTime() - thisUpdate.getTime() > (CRL_VALIDITY_DAYS / 2) * DAY_MS) {
    const ca = await loadIssued(readFileSync(paths.key, 'utf8'), readFileSync(paths.certificate, 'utf8'));
    const crl = await createCrl(DER_CODEC, ca, [], {
      thisUpdate: new Date(now.getTime() - 60_000),
      nextUpdate: new Date(now.getTime() + CRL_VALIDITY_DAYS * DAY_MS),
    });
    writeAtomically(paths.crl, toPem(crl.der, 'X509 CRL'));
  }
  return { dir, trustDir: join(dir, 'trust') };
}
