import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_OIDS, digest, digestPolicyViolation } from './algorithms';
import type { Certificate, RevocationList } from './certificates';
import type { OcspResponse } from './ocsp';
import { validateChain, type TrustMaterial } from './chain';
import { CheckList } from './checks';
import { CmsFormatError, OID, parseCms, verifyCmsSigner } from './cms';

export interface TimestampVerification {
  checks: CheckList;
  genTime?: Date;
  tsa?: Certificate;
  /** The TSA's certificate path up to its anchor, when one was found. */
  path?: Certificate[];
  /** True when every check passed: only then is genTime a proof of existence. */
  valid: boolean;
}

export interface TimestampContext {
  trust: TrustMaterial;
  now: Date;
  pool: Certificate[];
  crls: RevocationList[];
  ocsps?: OcspResponse[];
}

/**
 * Verifies an RFC 3161 timestamp token over `imprintData`: the TSTInfo message imprint, the
 * TSA's CMS signature and the TSA certificate path (timeStamping usage) at the token's time.
 */
export function verifyTimestampToken(
  token: Uint8Array,
  imprintData: Uint8Array[],
  context: TimestampContext,
): TimestampVerification {
  const checks = new CheckList();
  let cms;
  try {
    cms = parseCms(token);
    if (cms.eContentType !== OID.tstInfo || !cms.eContent)
      throw new CmsFormatError('not a timestamp token (no TSTInfo)');
  } catch (error) {
    checks.fail('FORMAT', 'CMS_UNREADABLE', (error as Error).message);
    return { checks, valid: false };
  }
  let info: pkijs.TSTInfo;
  try {
    info = new pkijs.TSTInfo({ schema: asn1js.fromBER(cms.eContent).result });
  } catch (error) {
    checks.fail('FORMAT', 'CMS_UNREADABLE', `unreadable TSTInfo: ${(error as Error).message}`);
    return { checks, valid: false };
  }
  checks.ok('FORMAT', 'RFC 3161 timestamp token');
  const imprintOid = info.messageImprint.hashAlgorithm.algorithmId;
  const imprintDigest = DIGEST_OIDS[imprintOid];
  const violation = digestPolicyViolation(imprintDigest, imprintOid);
  if (violation) checks.fail('ALGORITHM_POLICY', 'ALGORITHM_REFUSED', `message imprint: ${violation}`);
  if (imprintDigest) {
    const expected = digest(imprintDigest, imprintData);
    const actual = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (actual.equals(expected)) checks.ok('MESSAGE_DIGEST', 'message imprint matches');
    else
      checks.fail('MESSAGE_DIGEST', 'HASH_MISMATCH', 'the message imprint differs from the timestamped data');
  }
  const signer = verifyCmsSigner(cms, [cms.eContent], checks, { requireSigningCertificateAttribute: true });
  const genTime = info.genTime;
  let path: Certificate[] | undefined;
  if (signer.certificate) {
    path = validateChain(
      {
        signer: signer.certificate,
        pool: [...cms.certificates, ...context.pool],
        embeddedCrls: [...cms.crls, ...signer.archivedCrls, ...context.crls],
        ocsps: [...signer.archivedOcsps, ...(context.ocsps ?? [])],
        trust: context.trust,
        signingTime: genTime,
        proven: false,
        now: context.now,
        purpose: 'timestamp',
      },
      checks,
    );
  }
  return {
    checks,
    genTime,
    tsa: signer.certificate,
    path,
    valid: checks.failures().length === 0 && Boolean(signer.certificate),
  };
}
