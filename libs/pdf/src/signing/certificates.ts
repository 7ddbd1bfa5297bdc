// Certificate and CRL issuance (X.509 with @peculiar/x509): the organisations' development CA and its
// signing certificates, and the test PKI (libs/test-pki) built on the same functions. Certificates and CRLs
// are wrapped by the caller's codec (esignature's Certificate/RevocationList, or plain DER), so this library
// does not depend on a service.
import 'reflect-metadata'; // @peculiar/x509 resolves its providers through tsyringe
import { webcrypto, KeyObject, createPrivateKey, randomBytes } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

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

/** The subject of a certificate named `name` unless `IssueOptions.subject` says otherwise (the test PKI's). */
const defaultSubject = (name: string) => `CN=${name}, O=Bo Test, C=VN`;

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
  subject: string,
): Promise<Issued<C>> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    name,
    dn: subject,
    certificate: codec.certificate(new Uint8Array(certificate.rawData)),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    cryptoKey: keys.privateKey,
  };
}

// Random positive 64-bit serials: unique across processes and restarts (RFC 5280 §4.1.2.2), not a counter.
const nextSerial = () => `7${randomBytes(8).toString('hex').slice(1)}`;

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
  /** The subject DN; `CN=<name>, O=Bo Test, C=VN` by default. */
  subject?: string;
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
    name: options.subject ?? defaultSubject(name),
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
  return toIssued(codec, name, certificate, keys, options.subject ?? defaultSubject(name));
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
    subject: options.subject ?? defaultSubject(name),
    issuer: issuer.dn,
    notBefore: options.notBefore ?? new Date(Date.now() - 365 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer.cryptoKey,
    signingAlgorithm: signingAlgorithm(issuerSpec, options.hash),
    extensions,
  });
  return toIssued(codec, name, certificate, keys, options.subject ?? defaultSubject(name));
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

export const DAY_MS = DAY;

/** DER certificates and CRLs as they are, for callers that need no richer wrapper. */
export const DER_CODEC: PkiCodec<DerCertificate, DerCrl> = {
  certificate: (der) => new DerCertificate(der),
  crl: (der) => new DerCrl(der),
};

export class DerCertificate implements CertificateLike {
  readonly parsed: pkijs.Certificate;
  readonly serialNumber: string;
  constructor(readonly der: Uint8Array) {
    this.parsed = pkijs.Certificate.fromBER(der);
    this.serialNumber = Buffer.from(this.parsed.serialNumber.valueBlock.valueHexView).toString('hex');
  }
}

export class DerCrl implements CrlLike {
  readonly parsed: pkijs.CertificateRevocationList;
  constructor(readonly der: Uint8Array) {
    this.parsed = pkijs.CertificateRevocationList.fromBER(der);
  }
}

/** A key and certificate kept as PEM (PKCS#8 and X.509), loaded back as a signer or an issuer. */
export async function loadIssued(keyPem: string, certificatePem: string): Promise<Issued<DerCertificate>> {
  const privateKey = createPrivateKey(keyPem);
  const certificate = new x509.X509Certificate(certificatePem);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const algorithm =
    privateKey.asymmetricKeyType === 'ec'
      ? {
          name: 'ECDSA',
          namedCurve:
            (privateKey.asymmetricKeyDetails?.namedCurve ?? 'prime256v1') === 'secp384r1' ? 'P-384' : 'P-256',
        }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const cryptoKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
  return {
    name: certificate.subjectName.getField('CN')[0] ?? certificate.subject,
    dn: certificate.subject,
    certificate: new DerCertificate(new Uint8Array(certificate.rawData)),
    privateKey,
    cryptoKey,
  };
}

/** PEM of a DER certificate or CRL. */
export function toPem(der: Uint8Array, label: 'CERTIFICATE' | 'X509 CRL'): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** DER of every PEM block labelled `label` in `text` (a file may hold several certificates or CRLs). */
export function pemToDer(text: string, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array[] {
  const blocks =
    text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];
  return blocks.map(
    (block) => new Uint8Array(Buffer.from(block.replace(/-----[^-]+-----|\s/g, ''), 'base64')),
  );
}

/** The private key of an issued certificate as PKCS#8 PEM (to keep it in a secret or a development file). */
export const privateKeyPem = (issued: Issued): string =>
  issued.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
