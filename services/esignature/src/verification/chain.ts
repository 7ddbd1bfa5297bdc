import { keyPolicyViolation } from './algorithms';
import { pathConstraintProblems } from './path-constraints';
import type { Certificate, RevocationList } from './certificates';
import type { CheckList } from './checks';
import { revocationFresh } from './freshness';
import type { OcspResponse } from './ocsp';

/** Pinned trust anchors and CRLs (from the configured directory and the admin endpoints). */
export interface TrustMaterial {
  anchors: Certificate[];
  crls: RevocationList[];
}

export interface ChainInput {
  signer: Certificate;
  /** Certificates found in the signature and the document (DSS), never trusted by themselves. */
  pool: Certificate[];
  /** CRLs found in the signature and the document, used beside the configured ones. */
  embeddedCrls: RevocationList[];
  /** OCSP responses found in the signature and the document. */
  ocsps?: OcspResponse[];
  trust: TrustMaterial;
  /** The time the signature is validated at: a timestamp's time when `proven`, else the claimed time. */
  signingTime: Date;
  /** True when signingTime comes from a verified timestamp (a proof of existence). */
  proven: boolean;
  now: Date;
  purpose: 'signature' | 'timestamp';
}

const MAX_PATH = 8;
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** Builds the path signer → ... → anchor, depth-first, each link checked by its signature. */
export function buildPath(
  certificate: Certificate,
  pool: Certificate[],
  anchors: Certificate[],
  depth = 0,
): Certificate[] | undefined {
  if (anchors.some((anchor) => anchor.fingerprint === certificate.fingerprint)) return [certificate];
  if (depth >= MAX_PATH) return undefined;
  const candidates = [...anchors, ...pool].filter(
    (candidate) => candidate.fingerprint !== certificate.fingerprint && certificate.isIssuedBy(candidate),
  );
  for (const candidate of candidates) {
    if (!certificate.verifySignedBy(candidate).valid) continue;
    const rest = buildPath(
      candidate,
      pool.filter((item) => item.fingerprint !== candidate.fingerprint),
      anchors,
      depth + 1,
    );
    if (rest) return [certificate, ...rest];
  }
  return undefined;
}

/**
 * Certificate path validation (EN 319 102-1 §5.2.6, shell model at the signing time):
 * path to an anchor, algorithm policy on every link, key usage and basic constraints,
 * validity periods, and revocation status from CRLs. Results go to `checks`.
 */
export function validateChain(input: ChainInput, checks: CheckList): Certificate[] | undefined {
  const { signer, signingTime, proven, now } = input;
  const path = buildPath(signer, input.pool, input.trust.anchors);
  if (!path) {
    checks.fail(
      'CERTIFICATE_CHAIN',
      'NO_TRUSTED_CHAIN',
      `no path from "${signer.subject}" to a trust anchor`,
    );
    for (const name of ['KEY_USAGE', 'VALIDITY_PERIOD', 'REVOCATION'] as const)
      checks.skip(name, 'no trusted path');
    return undefined;
  }
  checks.ok(
    'CERTIFICATE_CHAIN',
    path.map((certificate) => certificate.commonName ?? certificate.subject).join(' → '),
  );

  // Algorithm policy on every key and every certificate signature below the anchor.
  for (let i = 0; i < path.length; i += 1) {
    const keyViolation = keyPolicyViolation(path[i].publicKey);
    if (keyViolation)
      checks.fail(
        'ALGORITHM_POLICY',
        'ALGORITHM_REFUSED',
        `${path[i].commonName ?? path[i].subject}: ${keyViolation}`,
      );
    if (i + 1 < path.length) {
      const violation = path[i].verifySignedBy(path[i + 1]).violation;
      if (violation)
        checks.fail(
          'ALGORITHM_POLICY',
          'ALGORITHM_REFUSED',
          `certificate of ${path[i].commonName ?? path[i].subject}: ${violation}`,
        );
    }
  }

  // Key usage and basic constraints.
  const usage = signer.keyUsage;
  const problems: string[] = [];
  if (
    input.purpose === 'signature' &&
    usage &&
    !usage.has('digitalSignature') &&
    !usage.has('nonRepudiation')
  ) {
    problems.push('the signing certificate allows neither digitalSignature nor nonRepudiation');
  }
  if (input.purpose === 'timestamp' && !(signer.extendedKeyUsage ?? []).includes(TIME_STAMPING)) {
    problems.push('the timestamping certificate lacks the timeStamping extended key usage');
  }
  let intermediatesBelow = 0;
  for (let i = 1; i < path.length; i += 1) {
    const ca = path[i];
    const isAnchor = i === path.length - 1;
    const constraints = ca.basicConstraints;
    if (!isAnchor && !constraints?.ca)
      problems.push(`${ca.commonName ?? ca.subject} is not a CA (basic constraints)`);
    if (ca.keyUsage && !ca.keyUsage.has('keyCertSign'))
      problems.push(`${ca.commonName ?? ca.subject} may not sign certificates (key usage)`);
    if (constraints?.pathLength !== undefined && intermediatesBelow > constraints.pathLength) {
      problems.push(`${ca.commonName ?? ca.subject} path length constraint exceeded`);
    }
    if (!ca.selfIssued) intermediatesBelow += 1;
  }
  problems.push(...pathConstraintProblems(path));
  if (problems.length > 0) checks.fail('KEY_USAGE', 'CHAIN_CONSTRAINTS', problems.join('; '));
  else checks.ok('KEY_USAGE');

  // Validity. With a timestamp, at its time. Without one the claimed time proves nothing: a certificate
  // must also still be valid now (EN 319 102-1: OUT_OF_BOUNDS_NO_POE), and a claimed time before the
  // signer's notBefore contradicts the signature itself (NOT_YET_VALID).
  const when = signingTime.toISOString();
  const instants = proven ? [signingTime] : [signingTime, now];
  if (signingTime < signer.notBefore) {
    checks.fail(
      'VALIDITY_PERIOD',
      'SIGNER_NOT_YET_VALID',
      `signing time ${when} is before the certificate's notBefore ${signer.notBefore.toISOString()}`,
    );
  } else if (instants.some((instant) => instant > signer.notAfter)) {
    checks.fail(
      'VALIDITY_PERIOD',
      proven ? 'SIGNER_EXPIRED' : 'OUT_OF_VALIDITY',
      proven
        ? `signing certificate expired ${signer.notAfter.toISOString()}, before the timestamp ${when}`
        : `signing certificate expired ${signer.notAfter.toISOString()} and no timestamp proves the signature is older`,
    );
  }
  for (const ca of path.slice(1)) {
    if (instants.some((instant) => instant < ca.notBefore || instant > ca.notAfter)) {
      checks.fail(
        'VALIDITY_PERIOD',
        'OUT_OF_VALIDITY',
        `${ca.commonName ?? ca.subject} is not valid at ${instants.map((i) => i.toISOString()).join(' and ')}`,
      );
    }
  }
  if (!checks.failed('VALIDITY_PERIOD'))
    checks.ok('VALIDITY_PERIOD', `valid at ${when}${proven ? ' (timestamp)' : ''}`);

  // Revocation: every certificate below the anchor needs a usable CRL from its issuer.
  const crls = [...input.trust.crls, ...input.embeddedCrls];
  const notes: string[] = [];
  for (let i = 0; i + 1 < path.length; i += 1) {
    const subject = path[i];
    const issuer = path[i + 1];
    const name = subject.commonName ?? subject.subject;
    const usable = crls.filter((crl) => crlUsable(crl, issuer, signingTime, proven, now));
    const answers = (input.ocsps ?? []).flatMap(
      (response) => response.statusOf(subject, issuer, signingTime, proven, now) ?? [],
    );
    if (usable.length === 0 && answers.length === 0) {
      checks.fail(
        'REVOCATION',
        'REVOCATION_MISSING',
        `no usable CRL or OCSP response from ${issuer.commonName ?? issuer.subject} for ${name}`,
      );
      continue;
    }
    const revocations = [
      ...usable.map((crl) => crl.revocationOf(subject.serialNumber)),
      ...answers.map((answer) => answer.revokedAt),
    ].filter((date): date is Date => date !== undefined);
    const revokedAt =
      revocations.length > 0 ? new Date(Math.min(...revocations.map((date) => date.getTime()))) : undefined;
    if (!revokedAt) {
      notes.push(`${name}: not revoked`);
      continue;
    }
    if (proven && revokedAt > signingTime) {
      notes.push(`${name}: revoked ${revokedAt.toISOString()}, after the timestamp`);
      continue;
    }
    const detail = `${name} revoked ${revokedAt.toISOString()}`;
    if (i > 0) checks.fail('REVOCATION', 'CA_REVOKED_NO_POE', detail);
    else checks.fail('REVOCATION', proven ? 'SIGNER_REVOKED' : 'SIGNER_REVOKED_NO_POE', detail);
  }
  if (!checks.failed('REVOCATION')) checks.ok('REVOCATION', notes.join('; '));
  return path;
}

/**
 * A CRL counts when its issuer signed it (under the algorithm policy, with cRLSign if key usage
 * is present) and it is fresh enough (revocationFresh).
 */
function crlUsable(
  crl: RevocationList,
  issuer: Certificate,
  signingTime: Date,
  proven: boolean,
  now: Date,
): boolean {
  if (!crl.isIssuedBy(issuer)) return false;
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) return false;
  const signature = crl.verifySignedBy(issuer);
  if (!signature.valid || signature.violation) return false;
  return revocationFresh(crl.thisUpdate, crl.nextUpdate, signingTime, proven, now);
}
