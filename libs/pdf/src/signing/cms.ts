// Builds real CMS SignedData (CAdES-style signed attributes, optional signature timestamp) and RFC 3161
// timestamp tokens with Node's crypto: the signatures of the one-stop forms, and the test PKI's.
import { constants, createHash, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CrlLike, Issued } from './certificates';

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** The object identifiers the builders write (RFC 5652, RFC 3161, RFC 5035, Adobe). */
export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  adbeRevocationInfo: '1.2.840.113583.1.1.8',
};

export const DIGEST_OID: Record<DigestName, string> = {
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};
const RSA_WITH: Partial<Record<DigestName, string>> = {
  sha1: '1.2.840.113549.1.1.5',
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};
const ECDSA_WITH: Partial<Record<DigestName, string>> = {
  sha1: '1.2.840.10045.4.1',
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};

const buffer = (view: ArrayBuffer): Buffer => Buffer.from(view);
/** A certificate to embed beside the signer's (the issuing CAs): only its certificate is needed. */
export type ChainCertificate = Pick<Issued, 'certificate'>;

const pkijsCertificate = (issued: ChainCertificate) => issued.certificate.parsed;

export interface CmsOptions {
  signer: Issued;
  /** Certificates to embed besides the signer's (the issuing CA, usually). */
  chain?: ChainCertificate[];
  digest?: DigestName;
  /** Add signing-certificate-v2 (CAdES). Default true. */
  signingCertificate?: boolean;
  signingTime?: Date;
  crls?: CrlLike[];
  /** CRLs in the signed adbe-revocationInfoArchival attribute (as Adobe and iText embed them). */
  archivedCrls?: CrlLike[];
  /** OCSP responses (DER) in the same attribute. */
  archivedOcsps?: Uint8Array[];
  /** A TSA that timestamps the signature value (unsigned signature-time-stamp attribute). */
  timestampBy?: Issued;
  timestampTime?: Date;
  /** Timestamp these bytes instead of the signature value (tampering tests). */
  timestampOver?: Uint8Array;
  /** Content type of the encapsulated content (id-data by default) and attached content. */
  eContentType?: string;
  eContent?: Uint8Array;
  /** RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) instead of PKCS#1 v1.5. */
  rsaPss?: boolean;
  /** Embed this certificate instead of the signer's (tampering tests). */
  embeddedSignerCertificate?: Issued;
}

function algorithm(oid: string, params = true): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: oid,
    algorithmParams: params ? new asn1js.Null() : undefined,
  });
}

/** id-RSASSA-PSS with SHA-256, MGF1(SHA-256) and a 32-byte salt. */
function pssAlgorithm(): pkijs.AlgorithmIdentifier {
  const sha256 = algorithm(DIGEST_OID.sha256);
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: sha256,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: '1.2.840.113549.1.1.8',
      algorithmParams: sha256.toSchema(),
    }),
    saltLength: 32,
  });
  return new pkijs.AlgorithmIdentifier({
    algorithmId: '1.2.840.113549.1.1.10',
    algorithmParams: params.toSchema(),
  });
}

/** CMS SignedData over `content` (detached unless eContent is given), DER encoded. */
export function buildCms(content: Uint8Array[], options: CmsOptions): Uint8Array {
  const prepared = prepareCms(content, options);
  const token = options.timestampBy
    ? buildTimestampToken(
        [options.timestampOver ?? prepared.signature],
        options.timestampBy,
        options.timestampTime ?? new Date(),
        options.chain,
      )
    : undefined;
  return prepared.finish(token);
}

/**
 * The same CMS with its signature-time-stamp token obtained from `timestamp` (an RFC 3161 TSA) over the
 * signature value: the PAdES B-T signature of the forms.
 */
export async function buildCmsAsync(
  content: Uint8Array[],
  options: Omit<CmsOptions, 'timestampBy' | 'timestampTime' | 'timestampOver'>,
  timestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const prepared = prepareCms(content, options);
  return prepared.finish(await timestamp(prepared.signature));
}

/** The signed SignerInfo, and how to finish the SignedData once its signature is (optionally) timestamped. */
function prepareCms(
  content: Uint8Array[],
  options: CmsOptions,
): { signature: Uint8Array; finish: (timestampToken?: Uint8Array) => Uint8Array } {
  const digestName = options.digest ?? 'sha256';
  const hash = createHash(digestName);
  for (const part of content) hash.update(part);
  const messageDigest = hash.digest();
  const attributes: pkijs.Attribute[] = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: options.eContentType ?? OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.signingTime,
      values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: messageDigest })],
    }),
  ];
  if (options.signingCertificate !== false) {
    const certHash = createHash('sha256').update(options.signer.certificate.der).digest();
    attributes.push(
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })],
              }),
            ],
          }),
        ],
      }),
    );
  }
  if (options.archivedCrls || options.archivedOcsps) {
    const tagged = (tagNumber: number, items: Uint8Array[]) =>
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber },
        value: [new asn1js.Sequence({ value: items.map((der) => asn1js.fromBER(der).result) })],
      });
    const archive = [
      ...(options.archivedCrls
        ? [
            tagged(
              0,
              options.archivedCrls.map((crl) => crl.der),
            ),
          ]
        : []),
      ...(options.archivedOcsps ? [tagged(1, options.archivedOcsps)] : []),
    ];
    attributes.push(
      new pkijs.Attribute({
        type: OID.adbeRevocationInfo,
        values: [new asn1js.Sequence({ value: archive })],
      }),
    );
  }
  // DER orders a SET OF by encoding.
  attributes.sort((a, b) => Buffer.compare(buffer(a.toSchema().toBER()), buffer(b.toSchema().toBER())));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const toSign = Buffer.from(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const isEc = options.signer.privateKey.asymmetricKeyType === 'ec';
  const signature = sign(
    digestName,
    toSign,
    isEc
      ? { key: options.signer.privateKey, dsaEncoding: 'der' }
      : options.rsaPss
        ? { key: options.signer.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
        : options.signer.privateKey,
  );
  const certificate = pkijsCertificate(options.signer);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: algorithm(DIGEST_OID[digestName]),
    signedAttrs,
    signatureAlgorithm: isEc
      ? algorithm(ECDSA_WITH[digestName]!, false)
      : options.rsaPss
        ? pssAlgorithm()
        : algorithm(RSA_WITH[digestName]!),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const finish = (timestampToken?: Uint8Array) => {
    if (timestampToken)
      signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [
          new pkijs.Attribute({
            type: OID.signatureTimeStamp,
            values: [asn1js.fromBER(timestampToken).result],
          }),
        ],
      });
    return assembleSignedData(signerInfo, options);
  };
  return { signature: new Uint8Array(signature), finish };
}

function assembleSignedData(signerInfo: pkijs.SignerInfo, options: CmsOptions): Uint8Array {
  const digestName = options.digest ?? 'sha256';
  const embedded = options.embeddedSignerCertificate ?? options.signer;
  // DER as signers write it: no eContent when detached, a primitive OCTET STRING otherwise (pkijs would
  // write a constructed one, even empty, which strict DER readers such as asn1crypto refuse).
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: options.eContentType ?? OID.data,
  });
  if (options.eContent) encapContentInfo.eContent = new asn1js.OctetString({ valueHex: options.eContent });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithm(DIGEST_OID[digestName])],
    encapContentInfo,
    certificates: [embedded, ...(options.chain ?? [])].map(pkijsCertificate),
    crls: options.crls?.map((crl) => crl.parsed),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** An RFC 3161 timestamp token (CMS over a TSTInfo) on the SHA-256 digest of `data`. */
export function buildTimestampToken(
  data: Uint8Array[],
  tsa: Issued,
  genTime: Date,
  chain: ChainCertificate[] = [],
): Uint8Array {
  const hash = createHash('sha256');
  for (const part of data) hash.update(part);
  return buildTimestampTokenOnImprint(new Uint8Array(hash.digest()), tsa, genTime, { chain });
}

/**
 * An RFC 3161 timestamp token on a SHA-256 message imprint, as a TSA answers a TimeStampReq (the test TSA):
 * the request's nonce is echoed in the TSTInfo.
 */
export function buildTimestampTokenOnImprint(
  sha256Imprint: Uint8Array,
  tsa: Issued,
  genTime: Date,
  options: { chain?: ChainCertificate[]; nonce?: Uint8Array } = {},
): Uint8Array {
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: algorithm(DIGEST_OID.sha256),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256Imprint }),
    }),
    serialNumber: new asn1js.Integer({ value: Math.floor(Math.random() * 1e9) }),
    genTime,
    ...(options.nonce ? { nonce: new asn1js.Integer({ valueHex: options.nonce }) } : {}),
  });
  const eContent = new Uint8Array(info.toSchema().toBER());
  return buildCms([eContent], {
    signer: tsa,
    chain: options.chain ?? [],
    eContentType: OID.tstInfo,
    eContent,
    signingTime: genTime,
  });
}
