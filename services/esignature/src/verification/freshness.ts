/**
 * When revocation data is fresh enough: current at validation time (nextUpdate not passed; without
 * nextUpdate, issued within MAX_REVOCATION_AGE_MS), or, with a proven signing time, issued after it.
 * Without a proof of time only current data counts: a backdated claim must not make old data acceptable.
 */
export function revocationFresh(
  thisUpdate: Date,
  nextUpdate: Date | undefined,
  signingTime: Date,
  proven: boolean,
  now: Date,
): boolean {
  if (thisUpdate > now) return false;
  const current = nextUpdate
    ? nextUpdate >= now
    : now.getTime() - thisUpdate.getTime() <= MAX_REVOCATION_AGE_MS;
  return current || (proven && thisUpdate >= signingTime);
}

/** How old revocation data without nextUpdate may be and still count as current. */
export const MAX_REVOCATION_AGE_MS = 24 * 3_600_000;
