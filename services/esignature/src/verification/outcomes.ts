// ETSI EN 319 102-1 indications and the one table that maps every failure this service detects to them.
// The service README repeats this table; a unit test keeps the two identical.

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND';

export const INDICATION_LABELS_VI: Record<Indication, string> = {
  TOTAL_PASSED: 'Hợp lệ',
  TOTAL_FAILED: 'Không hợp lệ',
  INDETERMINATE: 'Chưa xác định',
};

export interface Outcome {
  indication: Exclude<Indication, 'TOTAL_PASSED'>;
  subIndication: SubIndication;
  /** When this failure is reported. */
  when: string;
}

/**
 * Every failure, in the order of precedence used when a signature has several: the first
 * TOTAL_FAILED one wins, otherwise the first INDETERMINATE one.
 */
export const FAILURES = {
  UNREADABLE_DOCUMENT: {
    indication: 'INDETERMINATE',
    subIndication: 'FORMAT_FAILURE',
    when: 'the PDF cannot be parsed, or a parsing limit (size, nesting, inflate output, time, memory) is exceeded',
  },
  DOCUMENT_UNAVAILABLE: {
    indication: 'INDETERMINATE',
    subIndication: 'SIGNED_DATA_NOT_FOUND',
    when: "a document's stored object cannot be read (after retries) or its digest differs from the one in document.digitized",
  },
  NO_SIGNATURE: {
    indication: 'INDETERMINATE',
    subIndication: 'SIGNED_DATA_NOT_FOUND',
    when: 'the document holds no signature (or a detached signature is given without its content)',
  },
  BYTE_RANGE_INVALID: {
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    when: 'the ByteRange does not cover exactly the signed revision except the /Contents hole, or does not end at a revision end',
  },
  UNSIGNED_CHANGES: {
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    when: 'a later revision (or trailing data) changes the document beyond later signatures, DSS and document timestamps, or beyond what DocMDP permits',
  },
  CMS_UNREADABLE: {
    indication: 'INDETERMINATE',
    subIndication: 'FORMAT_FAILURE',
    when: 'the /Contents or detached signature is empty or is not a CMS SignedData with one signer',
  },
  HASH_MISMATCH: {
    indication: 'TOTAL_FAILED',
    subIndication: 'HASH_FAILURE',
    when: 'the message-digest attribute differs from the digest of the signed bytes',
  },
  SIGNATURE_VALUE_INVALID: {
    indication: 'TOTAL_FAILED',
    subIndication: 'SIG_CRYPTO_FAILURE',
    when: "the signature value does not verify with the signing certificate's public key",
  },
  SIGNER_REVOKED: {
    indication: 'TOTAL_FAILED',
    subIndication: 'REVOKED',
    when: 'the signing certificate was revoked before the time proven by a valid timestamp',
  },
  SIGNER_EXPIRED: {
    indication: 'TOTAL_FAILED',
    subIndication: 'EXPIRED',
    when: 'a valid timestamp proves the signature was made after the signing certificate expired',
  },
  SIGNER_NOT_YET_VALID: {
    indication: 'TOTAL_FAILED',
    subIndication: 'NOT_YET_VALID',
    when: 'the signing time lies before the signing certificate notBefore',
  },
  SIGNING_CERTIFICATE_NOT_FOUND: {
    indication: 'INDETERMINATE',
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
    when: 'no certificate matches the signer identifier, or the signing-certificate attribute names another certificate',
  },
  SIGNED_ATTRIBUTES_INVALID: {
    indication: 'INDETERMINATE',
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
    when: 'a required signed attribute is missing (content-type, message-digest; signing-certificate for CAdES) or a signature timestamp does not verify',
  },
  ALGORITHM_REFUSED: {
    indication: 'INDETERMINATE',
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    when: 'a digest other than SHA-256/384/512, RSA below 2048 bits, an EC curve below P-256, or an unknown algorithm, in the signature or the chain',
  },
  NO_TRUSTED_CHAIN: {
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    when: 'no certificate path leads from the signing certificate to a configured trust anchor',
  },
  CHAIN_CONSTRAINTS: {
    indication: 'INDETERMINATE',
    subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    when: 'key usage (signer: digitalSignature or nonRepudiation; CA: keyCertSign), basic constraints, path length, name constraints or certificate policies (RFC 5280 §6.1) are violated, or a certificate has an unrecognised critical extension',
  },
  OUT_OF_VALIDITY: {
    indication: 'INDETERMINATE',
    subIndication: 'OUT_OF_BOUNDS_NO_POE',
    when: 'a certificate of the path is expired (or a CA not yet valid) at the signing time and no timestamp proves an earlier time',
  },
  SIGNER_REVOKED_NO_POE: {
    indication: 'INDETERMINATE',
    subIndication: 'REVOKED_NO_POE',
    when: 'the signing certificate is revoked and no timestamp proves the signature existed before the revocation',
  },
  CA_REVOKED_NO_POE: {
    indication: 'INDETERMINATE',
    subIndication: 'REVOKED_CA_NO_POE',
    when: 'a CA certificate of the path is revoked and no timestamp proves the signature existed before the revocation',
  },
  REVOCATION_MISSING: {
    indication: 'INDETERMINATE',
    subIndication: 'TRY_LATER',
    when: 'no usable CRL or OCSP response (signed by the issuer or its delegated responder; current, or issued after a timestamp-proven signing time) covers a certificate of the path',
  },
} as const satisfies Record<string, Outcome>;

export type FailureCode = keyof typeof FAILURES;

export const FAILURE_ORDER = Object.keys(FAILURES) as FailureCode[];

/** The decisive failure among several: the first TOTAL_FAILED in table order, else the first INDETERMINATE. */
export function decisiveFailure(codes: Iterable<FailureCode>): FailureCode | undefined {
  const present = new Set(codes);
  const ordered = FAILURE_ORDER.filter((code) => present.has(code));
  return ordered.find((code) => FAILURES[code].indication === 'TOTAL_FAILED') ?? ordered[0];
}

/** The README table, generated from FAILURES (the README must contain exactly this). */
export function failureTableMarkdown(): string {
  const rows = FAILURE_ORDER.map((code) => {
    const { indication, subIndication, when } = FAILURES[code];
    return `| \`${code}\` | ${indication} | ${subIndication} | ${when} |`;
  });
  return ['| Failure | Indication | Sub-indication | When |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
