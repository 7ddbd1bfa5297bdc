import { createHash, verify, constants, type KeyObject } from 'node:crypto';

// Algorithm policy: SHA-2 (256/384/512) digests; RSA ≥ 2048 bits (PKCS#1 v1.5 or PSS); ECDSA on P-256 or larger.
// (Circular 15/2025/TT-BKHCN minimums; SHA-1 and SHA-224 are refused.)

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export const DIGEST_OIDS: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export const ALLOWED_DIGESTS: ReadonlySet<DigestName> = new Set(['sha256', 'sha384', 'sha512']);
const ALLOWED_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);
export const MIN_RSA_BITS = 2048;

interface SignatureAlgorithm {
  key: 'rsa' | 'rsa-pss' | 'ec';
  /** Digest fixed by the algorithm; undefined when it comes from the digestAlgorithm field. */
  digest?: DigestName;
}

const SIGNATURE_OIDS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.1': { key: 'rsa' },
  '1.2.840.113549.1.1.5': { key: 'rsa', digest: 'sha1' },
  '1.2.840.113549.1.1.14': { key: 'rsa', digest: 'sha224' },
  '1.2.840.113549.1.1.11': { key: 'rsa', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', digest: 'sha512' },
  '1.2.840.113549.1.1.10': { key: 'rsa-pss' },
  '1.2.840.10045.2.1': { key: 'ec' },
  '1.2.840.10045.4.1': { key: 'ec', digest: 'sha1' },
  '1.2.840.10045.4.3.1': { key: 'ec', digest: 'sha224' },
  '1.2.840.10045.4.3.2': { key: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', digest: 'sha512' },
};

export const digest = (name: DigestName, data: Uint8Array | Uint8Array[]): Buffer => {
  const hash = createHash(name);
  for (const part of Array.isArray(data) ? data : [data]) hash.update(part);
  return hash.digest();
};

/** Why a key or algorithm is refused by the policy, or undefined when it is acceptable. */
export function keyPolicyViolation(key: KeyObject): string | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength ?? 0;
    return bits >= MIN_RSA_BITS ? undefined : `RSA key of ${bits} bits (minimum ${MIN_RSA_BITS})`;
  }
  if (key.asymmetricKeyType === 'ec') {
    return ALLOWED_CURVES.has(details.namedCurve ?? '')
      ? undefined
      : `EC curve ${details.namedCurve ?? 'unknown'} not allowed`;
  }
  return `key type ${key.asymmetricKeyType ?? 'unknown'} not allowed`;
}

export function digestPolicyViolation(name: DigestName | undefined, oid?: string): string | undefined {
  if (!name) return `unknown digest algorithm ${oid ?? ''}`.trim();
  return ALLOWED_DIGESTS.has(name)
    ? undefined
    : `digest ${name.toUpperCase()} not allowed (SHA-2 256/384/512 only)`;
}

export interface SignatureCheck {
  digest?: DigestName;
  /** A policy violation of the signature algorithm itself (digest or key). */
  violation?: string;
  valid: boolean;
}

/**
 * Verifies a raw signature (certificate, CRL, CMS signed attributes) under its algorithm OID.
 * `digestHint` is the CMS digestAlgorithm for OIDs that do not fix the digest (rsaEncryption, id-ecPublicKey).
 */
export function verifySignature(
  algorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
  key: KeyObject,
  digestHint?: DigestName,
  pssDigest?: DigestName,
): SignatureCheck {
  const algorithm = SIGNATURE_OIDS[algorithmOid];
  if (!algorithm) return { valid: false, violation: `unknown signature algorithm ${algorithmOid}` };
  const digestName =
    algorithm.key === 'rsa-pss' ? (pssDigest ?? digestHint) : (algorithm.digest ?? digestHint);
  const expectedKey = algorithm.key === 'ec' ? ['ec'] : ['rsa', 'rsa-pss'];
  if (!expectedKey.includes(key.asymmetricKeyType ?? '')) {
    return {
      digest: digestName,
      valid: false,
      violation: `algorithm ${algorithmOid} does not match a ${key.asymmetricKeyType} key`,
    };
  }
  const violation = digestPolicyViolation(digestName) ?? keyPolicyViolation(key);
  let valid: boolean;
  try {
    valid = verify(
      digestName ?? 'sha256',
      data,
      algorithm.key === 'rsa-pss'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }
        : { key, dsaEncoding: 'der' },
      signature,
    );
  } catch {
    valid = false;
  }
  return { digest: digestName, violation, valid };
}
