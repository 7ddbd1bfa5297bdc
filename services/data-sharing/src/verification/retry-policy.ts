export interface RetryPolicy {
  maxAttempts: number;
  giveUpAfterMs: number;
}

export interface RetryDecision {
  /** Counted failures after this one. */
  attempts: number;
  giveUp: false | 'max-attempts' | 'max-age';
}

/**
 * After a retryable registry failure: failures seen while the breaker was closed count against maxAttempts;
 * failures during an outage (breaker open, or its half-open trial) do not, so an outage only delays a
 * verification — up to giveUpAfterMs after the request arrived.
 */
export function afterRetryableFailure(
  policy: RetryPolicy,
  state: { attempts: number; createdAt: number },
  failure: { counted: boolean },
  now: number,
): RetryDecision {
  const attempts = state.attempts + (failure.counted ? 1 : 0);
  if (attempts >= policy.maxAttempts) return { attempts, giveUp: 'max-attempts' };
  if (now - state.createdAt > policy.giveUpAfterMs) return { attempts, giveUp: 'max-age' };
  return { attempts, giveUp: false };
}
