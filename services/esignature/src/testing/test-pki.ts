// A real PKI built at test time (root → issuing CA → signers, a TSA, CRLs) for unit and
// integration tests and the benchmark. Not used by the running service.
import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { webcrypto, KeyObject, createPrivateKey } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';
import { Certificate, RevocationList } from '../verification/certificates';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface Issued {
  name: string;
  dn: string;
  certificate: Certificate;
  privateKey: KeyObject;
  cryptoKey: CryptoKey;
}

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'P-256' | 'P-384' | 'P-192' };

const DAY = 86_400_000;

async function generateKeys(spec: KeySpec, hash = 'SHA-256'): Promise<CryptoKeyPair> {
  const algorithm =
    spec.type === 'rsa'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: spec.bits,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash,
        }
      : { name: 'ECDSA', namedCurve: spec.curve };
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

const signingAlgorithm = (spec: KeySpec, hash = 'SHA-256') =>
  spec.type === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash } : { name: 'ECDSA', hash };

async function toIssued(
  name: string,
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
): Promise<Issued> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    name,
    dn: `CN=${name}, O=Bo Test, C=VN`,
    certificate: Certificate.fromDer(new Uint8Array(certificate.rawData)),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    cryptoKey: keys.privateKey,
  };
}

let serial = 0x1000;
const nextSerial = () => (serial += 1).toString(16).padStart(8, '0');

export interface IssueOptions {
  key?: KeySpec;
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: number;
  extendedKeyUsage?: string[];
  ca?: boolean;
  /** Signature algorithm hash of the certificate itself. */
  hash?: string;
}

export async function createRoot(name: string, options: IssueOptions = {}): Promise<Issued> {
  const spec = options.key ?? { type: 'ec', curve: 'P-384' };
  const keys = await generateKeys(spec);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=${name}, O=Bo Test, C=VN`,
    notBefore: options.notBefore ?? new Date(Date.now() - 3650 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: signingAlgorithm(spec),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return toIssued(name, certificate, keys);
}

export async function issue(issuer: Issued, name: string, options: IssueOptions = {}): Promise<Issued> {
  const spec = options.key ?? { type: 'rsa', bits: 2048 };
  const keys = await generateKeys(spec);
  const extensions: x509.Extension[] = [await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)];
  if (options.ca) extensions.push(new x509.BasicConstraintsExtension(true, 0, true));
  extensions.push(
    new x509.KeyUsagesExtension(
      options.keyUsage ??
        (options.ca
          ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
  );
  if (options.extendedKeyUsage)
    extensions.push(new x509.ExtendedKeyUsageExtension(options.extendedKeyUsage, true));
  const issuerSpec: KeySpec =
    issuer.privateKey.asymmetricKeyType === 'ec'
      ? { type: 'ec', curve: 'P-256' }
      : { type: 'rsa', bits: 2048 };
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: `CN=${name}, O=Bo Test, C=VN`,
    issuer: issuer.dn,
    notBefore: options.notBefore ?? new Date(Date.now() - 365 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer.cryptoKey,
    signingAlgorithm: signingAlgorithm(issuerSpec, options.hash),
    extensions,
  });
  return toIssued(name, certificate, keys);
}

export async function createCrl(
  issuer: Issued,
  revoked: { certificate: Certificate; at: Date }[],
  options: { thisUpdate?: Date; nextUpdate?: Date } = {},
): Promise<RevocationList> {
  const spec: KeySpec =
    issuer.privateKey.asymmetricKeyType === 'ec'
      ? { type: 'ec', curve: 'P-256' }
      : { type: 'rsa', bits: 2048 };
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.dn,
    thisUpdate: options.thisUpdate ?? new Date(Date.now() - DAY),
    nextUpdate: options.nextUpdate ?? new Date(Date.now() + 7 * DAY),
    // With a reason code: an entry without extensions is encoded as an empty SEQUENCE, which pkijs refuses.
    entries: revoked.map((item) => ({
      serialNumber: item.certificate.serialNumber,
      revocationDate: item.at,
      reason: x509.X509CrlReason.keyCompromise,
    })),
    signingAlgorithm: signingAlgorithm(spec),
    signingKey: issuer.cryptoKey,
  });
  return RevocationList.fromDer(new Uint8Array(crl.rawData));
}

/** Everything the tests need: trusted and untrusted roots, an issuing CA, signers of each kind, a TSA and CRLs. */
export interface TestPki {
  root: Issued;
  ca: Issued;
  rsa: Issued;
  ecdsa: Issued;
  expired: Issued;
  notYetValid: Issued;
  revoked: Issued;
  wrongUsage: Issued;
  rsa1024: Issued;
  tsa: Issued;
  /** A delegated OCSP responder of the issuing CA (id-kp-OCSPSigning). */
  ocspResponder: Issued;
  untrustedRoot: Issued;
  untrusted: Issued;
  caCrl: RevocationList;
  rootCrl: RevocationList;
  revokedAt: Date;
}

export async function createTestPki(): Promise<TestPki> {
  const root = await createRoot('Test Root CA');
  const ca = await issue(root, 'Test Issuing CA', { ca: true, key: { type: 'rsa', bits: 2048 } });
  const rsa = await issue(ca, 'Nguyen Van An');
  const ecdsa = await issue(ca, 'Tran Thi Binh', { key: { type: 'ec', curve: 'P-256' } });
  const expired = await issue(ca, 'Expired Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 30 * DAY),
  });
  const notYetValid = await issue(ca, 'Future Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() + 30 * DAY),
    notAfter: new Date(Date.now() + 400 * DAY),
  });
  const revoked = await issue(ca, 'Revoked Signer', { key: { type: 'ec', curve: 'P-256' } });
  const wrongUsage = await issue(ca, 'Encryption Only', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement,
  });
  const rsa1024 = await issue(ca, 'Weak Key Signer', { key: { type: 'rsa', bits: 1024 } });
  const tsa = await issue(ca, 'Test TSA', {
    key: { type: 'ec', curve: 'P-256' },
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.8'],
  });
  const ocspResponder = await issue(ca, 'Test OCSP Responder', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.digitalSignature,
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.9'],
  });
  const untrustedRoot = await createRoot('Untrusted Root');
  const untrusted = await issue(untrustedRoot, 'Stranger', { key: { type: 'ec', curve: 'P-256' } });
  const revokedAt = new Date(Date.now() - 2 * DAY);
  const caCrl = await createCrl(ca, [{ certificate: revoked.certificate, at: revokedAt }]);
  const rootCrl = await createCrl(root, []);
  return {
    root,
    ca,
    rsa,
    ecdsa,
    expired,
    notYetValid,
    revoked,
    wrongUsage,
    rsa1024,
    tsa,
    ocspResponder,
    untrustedRoot,
    untrusted,
    caCrl,
    rootCrl,
    revokedAt,
  };
}

export const DAY_MS = DAY;
