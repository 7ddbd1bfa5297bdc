import { X509Certificate, createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { verifySignature, type SignatureCheck } from './algorithms';

/**
 * Parsed certificates and CRLs by the SHA-256 of their DER: the same CA certificates and CRLs come with
 * most signatures, and parsing them (and verifying their signatures, memoised on the objects) dominates
 * the cost of a verification. Bounded; the oldest entry goes first.
 */
class ParsedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(der: Uint8Array, parse: () => T): T {
    const key = createHash('sha256').update(der).digest('hex');
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = parse();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

const toBytes = (view: ArrayBuffer | Uint8Array): Uint8Array =>
  view instanceof Uint8Array ? view : new Uint8Array(view);

/** An X.509 certificate read once, with what path validation needs. */
export class Certificate {
  readonly node: X509Certificate;
  readonly publicKey: KeyObject;
  readonly fingerprint: string;
  /** Signature checks already made, by issuer fingerprint (deterministic, so safe to reuse). */
  private readonly checkedBy = new Map<string, SignatureCheck>();

  private constructor(
    readonly der: Uint8Array,
    readonly parsed: pkijs.Certificate,
  ) {
    this.node = new X509Certificate(der);
    this.publicKey = this.node.publicKey;
    this.fingerprint = this.node.fingerprint256.replace(/:/g, '').toLowerCase();
  }

  static fromDer(der: Uint8Array): Certificate {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) throw new Error('certificate is not DER');
    try {
      return new Certificate(new Uint8Array(der), new pkijs.Certificate({ schema: asn1.result }));
    } catch (error) {
      throw new Error(`unreadable certificate: ${(error as Error).message}`, { cause: error });
    }
  }

  static fromPkijs(certificate: pkijs.Certificate): Certificate {
    return new Certificate(new Uint8Array(certificate.toSchema().toBER()), certificate);
  }

  private static readonly cache = new ParsedCache<Certificate>(2000);

  /** fromDer through the process-wide cache. */
  static cached(der: Uint8Array): Certificate {
    return Certificate.cache.get(der, () => Certificate.fromDer(der));
  }

  /** PEM (one or several) or DER. */
  static parseMany(input: Uint8Array): Certificate[] {
    const text = Buffer.from(input).toString('latin1');
    const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
    if (blocks.length > 0)
      return blocks.map((block) => Certificate.fromDer(Buffer.from(block[1].replace(/\s+/g, ''), 'base64')));
    return [Certificate.fromDer(input)];
  }

  get subject(): string {
    return this.node.subject.replace(/\n/g, ', ');
  }

  get issuer(): string {
    return this.node.issuer.replace(/\n/g, ', ');
  }

  get serialNumber(): string {
    return this.node.serialNumber.toLowerCase();
  }

  get notBefore(): Date {
    return this.parsed.notBefore.value;
  }

  get notAfter(): Date {
    return this.parsed.notAfter.value;
  }

  /** The issuer's name in the form RevocationList.issuerName gives a CRL's issuer, so the two compare as text. */
  get issuerKey(): string {
    return this.parsed.issuer.typesAndValues
      .map((tv) => `${tv.type}=${String(tv.value.valueBlock.value)}`)
      .join(', ');
  }

  /** The subject in issuerKey's form: what the certificates this one issued carry as their issuer. */
  get subjectKey(): string {
    return this.parsed.subject.typesAndValues
      .map((tv) => `${tv.type}=${String(tv.value.valueBlock.value)}`)
      .join(', ');
  }

  get commonName(): string | undefined {
    const cn = this.parsed.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
    return cn ? String(cn.value.valueBlock.value) : undefined;
  }

  isIssuedBy(issuer: Certificate): boolean {
    return this.parsed.issuer.isEqual(issuer.parsed.subject);
  }

  get selfIssued(): boolean {
    return this.isIssuedBy(this);
  }

  /** Verifies this certificate's signature with the issuer's key under the algorithm policy. */
  verifySignedBy(issuer: Certificate): SignatureCheck {
    return checkSignedBy(this.parsed, this.checkedBy, issuer);
  }

  private extension(oid: string): pkijs.Extension | undefined {
    return this.parsed.extensions?.find((extension) => extension.extnID === oid);
  }

  /** Key usage bits by name, or undefined when the extension is absent. */
  get keyUsage(): Set<string> | undefined {
    const extension = this.extension('2.5.29.15');
    if (!extension) return undefined;
    const names = [
      'digitalSignature',
      'nonRepudiation',
      'keyEncipherment',
      'dataEncipherment',
      'keyAgreement',
      'keyCertSign',
      'cRLSign',
      'encipherOnly',
      'decipherOnly',
    ];
    const bits = extension.parsedValue as asn1js.BitString | undefined;
    const bytes = bits ? toBytes(bits.valueBlock.valueHexView) : new Uint8Array();
    const set = new Set<string>();
    names.forEach((name, i) => {
      if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) set.add(name);
    });
    return set;
  }

  get extendedKeyUsage(): string[] | undefined {
    const extension = this.extension('2.5.29.37');
    return extension
      ? ((extension.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [])
      : undefined;
  }

  get basicConstraints(): { ca: boolean; pathLength?: number } | undefined {
    const extension = this.extension('2.5.29.19');
    if (!extension) return undefined;
    const value = extension.parsedValue as pkijs.BasicConstraints | undefined;
    const pathLength = value?.pathLenConstraint;
    return {
      ca: Boolean(value?.cA),
      pathLength: typeof pathLength === 'number' ? pathLength : pathLength?.valueBlock.valueDec,
    };
  }

  get subjectKeyIdentifier(): string | undefined {
    const value = this.extension('2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
    return value ? Buffer.from(value.valueBlock.valueHexView).toString('hex') : undefined;
  }

  /** Matches a CMS SignerIdentifier (issuerAndSerialNumber or subjectKeyIdentifier). */
  matchesSignerId(sid: unknown): boolean {
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      return this.parsed.issuer.isEqual(sid.issuer) && this.parsed.serialNumber.isEqual(sid.serialNumber);
    }
    if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
      // [0] SubjectKeyIdentifier
      const hex =
        sid instanceof asn1js.Primitive
          ? Buffer.from(sid.valueBlock.valueHexView).toString('hex')
          : undefined;
      return hex !== undefined && hex === this.subjectKeyIdentifier;
    }
    return false;
  }
}

export function pssDigest(
  algorithm: pkijs.AlgorithmIdentifier,
): 'sha256' | 'sha384' | 'sha512' | 'sha1' | undefined {
  if (algorithm.algorithmId !== '1.2.840.113549.1.1.10' || !algorithm.algorithmParams) return undefined;
  try {
    const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
    const oid = params.hashAlgorithm.algorithmId;
    return (
      {
        '2.16.840.1.101.3.4.2.1': 'sha256',
        '2.16.840.1.101.3.4.2.2': 'sha384',
        '2.16.840.1.101.3.4.2.3': 'sha512',
        '1.3.14.3.2.26': 'sha1',
      } as const
    )[oid as '2.16.840.1.101.3.4.2.1'];
  } catch {
    return undefined;
  }
}

/** A CRL with its issuer name and revoked serials. */
export class RevocationList {
  readonly revoked = new Map<string, Date>();
  private readonly checkedBy = new Map<string, SignatureCheck>();
  private static readonly cache = new ParsedCache<RevocationList>(500);

  /** fromDer through the process-wide cache. */
  static cached(der: Uint8Array): RevocationList {
    return RevocationList.cache.get(der, () => RevocationList.fromDer(der));
  }

  private constructor(
    readonly der: Uint8Array,
    readonly parsed: pkijs.CertificateRevocationList,
  ) {
    for (const entry of parsed.revokedCertificates ?? []) {
      const serial = Buffer.from(entry.userCertificate.valueBlock.valueHexView)
        .toString('hex')
        .replace(/^(00)+(?=.)/, '');
      this.revoked.set(serial, entry.revocationDate.value);
    }
  }

  static fromDer(der: Uint8Array): RevocationList {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) throw new Error('CRL is not DER');
    try {
      return new RevocationList(
        new Uint8Array(der),
        new pkijs.CertificateRevocationList({ schema: asn1.result }),
      );
    } catch (error) {
      throw new Error(`unreadable CRL: ${(error as Error).message}`, { cause: error });
    }
  }

  static parseMany(input: Uint8Array): RevocationList[] {
    const text = Buffer.from(input).toString('latin1');
    const blocks = [...text.matchAll(/-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/g)];
    if (blocks.length > 0)
      return blocks.map((block) =>
        RevocationList.fromDer(Buffer.from(block[1].replace(/\s+/g, ''), 'base64')),
      );
    return [RevocationList.fromDer(input)];
  }

  get thisUpdate(): Date {
    return this.parsed.thisUpdate.value;
  }

  get nextUpdate(): Date | undefined {
    return this.parsed.nextUpdate?.value;
  }

  get issuerName(): string {
    return this.parsed.issuer.typesAndValues
      .map((tv) => `${tv.type}=${String(tv.value.valueBlock.value)}`)
      .join(', ');
  }

  isIssuedBy(issuer: Certificate): boolean {
    return this.parsed.issuer.isEqual(issuer.parsed.subject);
  }

  verifySignedBy(issuer: Certificate): SignatureCheck {
    return checkSignedBy(this.parsed, this.checkedBy, issuer);
  }

  /** Revocation date of a serial (lower-case hex, as Certificate.serialNumber). */
  revocationOf(serialNumber: string): Date | undefined {
    return this.revoked.get(serialNumber.replace(/^(00)+(?=.)/, ''));
  }
}

export const publicKeyFromDer = (der: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });

/** Certificates and CRLs are both signed over their TBS part; memoised per issuer, since the same chains are checked again and again. */
function checkSignedBy(
  signed: Pick<pkijs.Certificate, 'signatureAlgorithm' | 'tbsView' | 'signatureValue'>,
  checkedBy: Map<string, SignatureCheck>,
  issuer: Certificate,
): SignatureCheck {
  let check = checkedBy.get(issuer.fingerprint);
  if (!check) {
    check = verifySignature(
      signed.signatureAlgorithm.algorithmId,
      signed.tbsView,
      toBytes(signed.signatureValue.valueBlock.valueHexView),
      issuer.publicKey,
      undefined,
      pssDigest(signed.signatureAlgorithm),
    );
    checkedBy.set(issuer.fingerprint, check);
  }
  return check;
}
