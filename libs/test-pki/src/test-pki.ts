// A real PKI built at test time (root → issuing CA → signers, a TSA, CRLs) for unit, integration and
// e2e tests and the benchmark. Test-only (tag type:test-lib): no service's src may import it. The
// certificates and CRLs are wrapped by the caller's codec (esignature's Certificate/RevocationList),
// so this library does not depend on a service.
import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { webcrypto, KeyObject, createPrivateKey } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';
import type * as pkijs from 'pkijs';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** What the builders need of a wrapped certificate. */
export interface CertificateLike {
  readonly der: Uint8Array;
  readonly parsed: pkijs.Certificate;
  readonly serialNumber: string;
}

/** What the builders need of a wrapped CRL. */
export interface CrlLike {
  readonly der: Uint8Array;
  readonly parsed: pkijs.CertificateRevocationList;
}

/** Wraps DER into the caller's certificate and CRL classes. */
export interface PkiCodec<C extends CertificateLike, L extends CrlLike> {
  certificate(der: Uint8Array): C;
  crl(der: Uint8Array): L;
}

export interface Issued<C extends CertificateLike = CertificateLike> {
  name: string;
  dn: string;
  certificate: C;
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

async function toIssued<C extends CertificateLike>(
  codec: PkiCodec<C, CrlLike>,
  name: string,
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
): Promise<Issued<C>> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    name,
    dn: `CN=${name}, O=Bo Test, C=VN`,
    certificate: codec.certificate(new Uint8Array(certificate.rawData)),
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
  /** Further extensions (critical unknown ones, name constraints, policies). */
  extensions?: x509.Extension[];
}

export async function createRoot<C extends CertificateLike>(
  codec: PkiCodec<C, CrlLike>,
  name: string,
  options: IssueOptions = {},
): Promise<Issued<C>> {
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
  return toIssued(codec, name, certificate, keys);
}

export async function issue<C extends CertificateLike>(
  codec: PkiCodec<C, CrlLike>,
  issuer: Issued,
  name: string,
  options: IssueOptions = {},
): Promise<Issued<C>> {
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
  extensions.push(...(options.extensions ?? []));
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
  return toIssued(codec, name, certificate, keys);
}

export async function createCrl<L extends CrlLike>(
  codec: PkiCodec<CertificateLike, L>,
  issuer: Issued,
  revoked: { certificate: CertificateLike; at: Date }[],
  options: { thisUpdate?: Date; nextUpdate?: Date } = {},
): Promise<L> {
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
  return codec.crl(new Uint8Array(crl.rawData));
}

/** Everything the tests need: trusted and untrusted roots, an issuing CA, signers of each kind, a TSA and CRLs. */
export interface TestPki<C extends CertificateLike = CertificateLike, L extends CrlLike = CrlLike> {
  root: Issued<C>;
  ca: Issued<C>;
  rsa: Issued<C>;
  ecdsa: Issued<C>;
  expired: Issued<C>;
  notYetValid: Issued<C>;
  revoked: Issued<C>;
  wrongUsage: Issued<C>;
  rsa1024: Issued<C>;
  tsa: Issued<C>;
  /** A delegated OCSP responder of the issuing CA (id-kp-OCSPSigning). */
  ocspResponder: Issued<C>;
  untrustedRoot: Issued<C>;
  untrusted: Issued<C>;
  caCrl: L;
  rootCrl: L;
  revokedAt: Date;
}

export async function createTestPki<C extends CertificateLike, L extends CrlLike>(
  codec: PkiCodec<C, L>,
): Promise<TestPki<C, L>> {
  const root = await createRoot(codec, 'Test Root CA');
  const ca = await issue(codec, root, 'Test Issuing CA', { ca: true, key: { type: 'rsa', bits: 2048 } });
  const rsa = await issue(codec, ca, 'Nguyen Van An');
  const ecdsa = await issue(codec, ca, 'Tran Thi Binh', { key: { type: 'ec', curve: 'P-256' } });
  const expired = await issue(codec, ca, 'Expired Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - 30 * DAY),
  });
  const notYetValid = await issue(codec, ca, 'Future Signer', {
    key: { type: 'ec', curve: 'P-256' },
    notBefore: new Date(Date.now() + 30 * DAY),
    notAfter: new Date(Date.now() + 400 * DAY),
  });
  const revoked = await issue(codec, ca, 'Revoked Signer', { key: { type: 'ec', curve: 'P-256' } });
  const wrongUsage = await issue(codec, ca, 'Encryption Only', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement,
  });
  const rsa1024 = await issue(codec, ca, 'Weak Key Signer', { key: { type: 'rsa', bits: 1024 } });
  const tsa = await issue(codec, ca, 'Test TSA', {
    key: { type: 'ec', curve: 'P-256' },
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.8'],
  });
  const ocspResponder = await issue(codec, ca, 'Test OCSP Responder', {
    key: { type: 'ec', curve: 'P-256' },
    keyUsage: x509.KeyUsageFlags.digitalSignature,
    extendedKeyUsage: ['1.3.6.1.5.5.7.3.9'],
  });
  const untrustedRoot = await createRoot(codec, 'Untrusted Root');
  const untrusted = await issue(codec, untrustedRoot, 'Stranger', { key: { type: 'ec', curve: 'P-256' } });
  const revokedAt = new Date(Date.now() - 2 * DAY);
  const caCrl = await createCrl(codec, ca, [{ certificate: revoked.certificate, at: revokedAt }]);
  const rootCrl = await createCrl(codec, root, []);
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
