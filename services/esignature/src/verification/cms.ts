import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID as CMS_OIDS } from '@motcua/pdf';
import { DIGEST_OIDS, digest, digestPolicyViolation, verifySignature, type DigestName } from './algorithms';
import { Certificate, pssDigest, RevocationList } from './certificates';
import type { CheckList } from './checks';
import { splitSignedData } from './der';
import { OcspResponse } from './ocsp';

// The identifiers are the ones the forms' signer writes (libs/pdf), plus the older signing-certificate (v1).
export const OID = {
  ...CMS_OIDS,
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
} as const;

export class CmsFormatError extends Error {}

const bytesOf = (view: ArrayBuffer | Uint8Array): Uint8Array =>
  view instanceof Uint8Array ? view : new Uint8Array(view);

/** A CMS SignedData with exactly one signer, its certificates and CRLs. */
export interface ParsedCms {
  signerInfo: pkijs.SignerInfo;
  certificates: Certificate[];
  crls: RevocationList[];
  /** Encapsulated content, when the signature is not detached. */
  eContent?: Uint8Array;
  eContentType: string;
}

interface CmsParts {
  signerInfos: pkijs.SignerInfo[];
  eContentType: string;
  eContent?: Uint8Array;
  certificateDers: Uint8Array[];
  crlDers: Uint8Array[];
}

/** DER: split by hand, only EncapsulatedContentInfo and SignerInfo go through pkijs (its schema matching is slow). */
function partsFromDer(der: Uint8Array): CmsParts | undefined {
  const split = splitSignedData(der);
  if (!split) return undefined;
  const encap = asn1js.fromBER(split.encapContentInfo).result;
  const [type, explicit] = encap instanceof asn1js.Sequence ? encap.valueBlock.value : [];
  if (!(type instanceof asn1js.ObjectIdentifier)) throw new Error('invalid EncapsulatedContentInfo');
  const content = explicit instanceof asn1js.Constructed ? explicit.valueBlock.value[0] : undefined;
  return {
    signerInfos: split.signerInfos.map(
      (item) => new pkijs.SignerInfo({ schema: asn1js.fromBER(item).result }),
    ),
    eContentType: type.getValue(),
    eContent: content instanceof asn1js.OctetString ? octetStringValue(content) : undefined,
    certificateDers: split.certificates,
    crlDers: split.crls,
  };
}

/** Any BER: the whole structure through pkijs, certificates and CRLs re-encoded. */
function partsFromBer(der: Uint8Array): CmsParts {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Error(asn1.result.error);
  const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const eContent = signedData.encapContentInfo.eContent;
  return {
    signerInfos: signedData.signerInfos,
    eContentType: signedData.encapContentInfo.eContentType,
    eContent: eContent ? octetStringValue(eContent) : undefined,
    certificateDers: (signedData.certificates ?? []).flatMap((item) =>
      item instanceof pkijs.Certificate ? [new Uint8Array(item.toSchema().toBER())] : [],
    ),
    crlDers: (signedData.crls ?? []).flatMap((item) =>
      item instanceof pkijs.CertificateRevocationList ? [new Uint8Array(item.toSchema().toBER())] : [],
    ),
  };
}

export function parseCms(der: Uint8Array): ParsedCms {
  if (der.length === 0 || der.every((b) => b === 0)) throw new CmsFormatError('the signature is empty');
  let parts: CmsParts;
  try {
    parts = partsFromDer(der) ?? partsFromBer(der);
  } catch (error) {
    throw new CmsFormatError(`not a CMS SignedData: ${(error as Error).message}`);
  }
  if (parts.signerInfos.length !== 1)
    throw new CmsFormatError(`${parts.signerInfos.length} signers (one expected)`);
  const certificates: Certificate[] = [];
  for (const item of parts.certificateDers) {
    try {
      certificates.push(Certificate.cached(item));
    } catch {
      // An unreadable extra certificate is ignored; the signer's is looked up later.
    }
  }
  const crls: RevocationList[] = [];
  for (const item of parts.crlDers) {
    try {
      crls.push(RevocationList.cached(item));
    } catch {
      // An unreadable CRL is not revocation data.
    }
  }
  return {
    signerInfo: parts.signerInfos[0],
    certificates,
    crls,
    eContent: parts.eContent,
    eContentType: parts.eContentType,
  };
}

/** The value of an OCTET STRING, whether primitive or constructed (BER). */
export function octetStringValue(value: asn1js.OctetString): Uint8Array {
  if (!value.valueBlock.isConstructed) return bytesOf(value.valueBlock.valueHexView);
  return Buffer.concat(
    (value.valueBlock.value as asn1js.OctetString[]).map((part) => octetStringValue(part)),
  );
}

function attribute(
  attributes: pkijs.SignedAndUnsignedAttributes | undefined,
  oid: string,
): pkijs.Attribute | undefined {
  return attributes?.attributes.find((item) => item.type === oid);
}

function timeValue(value: unknown): Date | undefined {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return undefined;
}

export interface SignerVerification {
  certificate?: Certificate;
  digest?: DigestName;
  signingTime?: Date;
  /** DER of a signature-time-stamp token (unsigned attribute), when present. */
  timestampToken?: Uint8Array;
  /** The signature value (the message imprint of a signature timestamp). */
  signatureValue: Uint8Array;
  /** CRLs and OCSP responses of the signed adbe-revocationInfoArchival attribute (Adobe and iText embed them there). */
  archivedCrls: RevocationList[];
  archivedOcsps: OcspResponse[];
}

export interface SignerOptions {
  /** ETSI.CAdES.detached (PAdES baseline) requires the signing-certificate attribute. */
  requireSigningCertificateAttribute: boolean;
}

/**
 * Verifies the one SignerInfo of a CMS over `content` (detached bytes, in parts): signing
 * certificate, signed attributes, message digest, signature value and algorithm policy.
 * Records each step in `checks`.
 */
export function verifyCmsSigner(
  cms: ParsedCms,
  content: Uint8Array[],
  checks: CheckList,
  options: SignerOptions,
): SignerVerification {
  const { signerInfo } = cms;
  const signatureValue = bytesOf(signerInfo.signature.valueBlock.valueHexView);
  const result: SignerVerification = { signatureValue, archivedCrls: [], archivedOcsps: [] };
  const digestOid = signerInfo.digestAlgorithm.algorithmId;
  const digestName = DIGEST_OIDS[digestOid];
  result.digest = digestName;

  // Signing certificate: the signer identifier, then the ESS signing-certificate attribute.
  const certificate = cms.certificates.find((candidate) => candidate.matchesSignerId(signerInfo.sid));
  if (!certificate) {
    checks.fail(
      'SIGNING_CERTIFICATE',
      'SIGNING_CERTIFICATE_NOT_FOUND',
      'no certificate in the signature matches the signer identifier',
    );
  }
  const signed = signerInfo.signedAttrs;
  const essV2 = attribute(signed, OID.signingCertificateV2);
  const essV1 = attribute(signed, OID.signingCertificate);
  if (certificate) {
    const reference = essV2 ?? essV1;
    if (reference) {
      const mismatch = essCertIdMismatch(reference, certificate);
      if (mismatch) checks.fail('SIGNING_CERTIFICATE', 'SIGNING_CERTIFICATE_NOT_FOUND', mismatch);
      else {
        checks.ok('SIGNING_CERTIFICATE', `${certificate.subject} (signing-certificate attribute matches)`);
        result.certificate = certificate;
      }
    } else if (options.requireSigningCertificateAttribute) {
      checks.fail(
        'SIGNED_ATTRIBUTES',
        'SIGNED_ATTRIBUTES_INVALID',
        'ETSI.CAdES.detached without a signing-certificate attribute',
      );
      result.certificate = certificate;
      checks.ok('SIGNING_CERTIFICATE', certificate.subject);
    } else {
      checks.ok(
        'SIGNING_CERTIFICATE',
        `${certificate.subject} (by signer identifier; no signing-certificate attribute)`,
      );
      result.certificate = certificate;
    }
  }

  const digestViolation = digestPolicyViolation(digestName, digestOid);
  if (digestViolation) checks.fail('ALGORITHM_POLICY', 'ALGORITHM_REFUSED', digestViolation);
  const contentDigest = digestName ? digest(digestName, content) : undefined;

  let signedBytes: Uint8Array;
  if (signed) {
    const contentType = attribute(signed, OID.contentType)?.values[0];
    const messageDigest = attribute(signed, OID.messageDigest)?.values[0];
    const missing = [
      !(contentType instanceof asn1js.ObjectIdentifier) && 'content-type',
      !(messageDigest instanceof asn1js.OctetString) && 'message-digest',
    ].filter(Boolean);
    if (missing.length > 0)
      checks.fail(
        'SIGNED_ATTRIBUTES',
        'SIGNED_ATTRIBUTES_INVALID',
        `missing signed attribute(s): ${missing.join(', ')}`,
      );
    else if ((contentType as asn1js.ObjectIdentifier).getValue() !== cms.eContentType) {
      checks.fail(
        'SIGNED_ATTRIBUTES',
        'SIGNED_ATTRIBUTES_INVALID',
        'content-type attribute differs from the encapsulated content type',
      );
    } else if (!checks.failed('SIGNED_ATTRIBUTES')) checks.ok('SIGNED_ATTRIBUTES');
    if (messageDigest instanceof asn1js.OctetString && contentDigest) {
      if (Buffer.from(octetStringValue(messageDigest)).equals(contentDigest))
        checks.ok('MESSAGE_DIGEST', `${digestName} of the signed bytes matches`);
      else
        checks.fail(
          'MESSAGE_DIGEST',
          'HASH_MISMATCH',
          'message-digest attribute differs from the digest of the signed bytes',
        );
    }
    result.signingTime = timeValue(attribute(signed, OID.signingTime)?.values[0]);
    const archive = archivedRevocation(attribute(signed, OID.adbeRevocationInfo));
    result.archivedCrls = archive.crls;
    result.archivedOcsps = archive.ocsps;
    signedBytes = bytesOf(signed.encodedValue); // pkijs already re-tags [0] as SET (0x31) for verification
  } else {
    // PKCS#7 without signed attributes: the signature is over the content itself.
    checks.ok('SIGNED_ATTRIBUTES', 'none (signature directly over the content)');
    signedBytes = Buffer.concat(content);
  }

  if (result.certificate) {
    const check = verifySignature(
      signerInfo.signatureAlgorithm.algorithmId,
      signedBytes,
      signatureValue,
      result.certificate.publicKey,
      digestName,
      pssDigest(signerInfo.signatureAlgorithm),
    );
    if (check.valid) checks.ok('SIGNATURE_VALUE', `${signerInfo.signatureAlgorithm.algorithmId} verified`);
    else
      checks.fail(
        'SIGNATURE_VALUE',
        'SIGNATURE_VALUE_INVALID',
        'the signature value does not verify with the signing certificate',
      );
    if (check.violation) checks.fail('ALGORITHM_POLICY', 'ALGORITHM_REFUSED', check.violation);
    else if (!digestViolation)
      checks.ok(
        'ALGORITHM_POLICY',
        `${digestName?.toUpperCase()} with ${result.certificate.publicKey.asymmetricKeyType}`,
      );
  }

  const token = attribute(signerInfo.unsignedAttrs, OID.signatureTimeStamp)?.values[0];
  if (token) result.timestampToken = new Uint8Array(token.toBER());
  return result;
}

/**
 * RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL OPTIONAL,
 *   ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] ... }.
 * Unreadable entries are skipped: they are just not revocation data.
 */
function archivedRevocation(attr: pkijs.Attribute | undefined): {
  crls: RevocationList[];
  ocsps: OcspResponse[];
} {
  const crls: RevocationList[] = [];
  const ocsps: OcspResponse[] = [];
  if (!attr) return { crls, ocsps };
  const archive = attr.values[0];
  // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs, ocsp [1] EXPLICIT SEQUENCE OF
  // OCSPResponse, otherRevInfo [2] ... }: anything else is a malformed signed attribute, not a crash.
  if (!(archive instanceof asn1js.Sequence))
    throw new CmsFormatError('adbe-revocationInfoArchival is not a SEQUENCE');
  for (const item of archive.valueBlock.value) {
    if (item.idBlock.tagClass !== 3 || item.idBlock.tagNumber > 1) continue;
    const inner = item.idBlock.isConstructed ? (item as asn1js.Constructed).valueBlock.value : undefined;
    const sequence = Array.isArray(inner) ? inner[0] : undefined;
    if (!(sequence instanceof asn1js.Sequence))
      throw new CmsFormatError(
        `adbe-revocationInfoArchival [${item.idBlock.tagNumber}] is not an explicitly tagged SEQUENCE`,
      );
    for (const entry of sequence.valueBlock.value) {
      try {
        const der = new Uint8Array(entry.toBER());
        if (item.idBlock.tagNumber === 0) crls.push(RevocationList.cached(der));
        else ocsps.push(OcspResponse.fromDer(der));
      } catch {
        // skipped
      }
    }
  }
  return { crls, ocsps };
}

/** Compares the first ESSCertID(v2) of a signing-certificate attribute with the certificate. */
function essCertIdMismatch(attr: pkijs.Attribute, certificate: Certificate): string | undefined {
  try {
    const certs = (attr.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const items = first.valueBlock.value;
    let hashName: DigestName | undefined = attr.type === OID.signingCertificate ? 'sha1' : 'sha256';
    let hashIndex = 0;
    if (items[0] instanceof asn1js.Sequence) {
      const algorithm = new pkijs.AlgorithmIdentifier({ schema: items[0] });
      hashName = DIGEST_OIDS[algorithm.algorithmId];
      hashIndex = 1;
    }
    const expected = octetStringValue(items[hashIndex] as asn1js.OctetString);
    if (!hashName) return 'signing-certificate attribute uses an unknown hash';
    if (!Buffer.from(expected).equals(digest(hashName, certificate.der))) {
      return 'the signing-certificate attribute names another certificate';
    }
    return undefined;
  } catch {
    return 'unreadable signing-certificate attribute';
  }
}
