import { backoffDelayMs } from '../../src/registry/backoff';
import { CircuitBreaker } from '../../src/registry/circuit-breaker';
import { afterRetryableFailure } from '../../src/verification/retry-policy';

const policy = { maxAttempts: 6, giveUpAfterMs: 60 * 60_000 };

describe('verification retry policy', () => {
  it('gives up after maxAttempts failures counted while the registry looked healthy', () => {
    let state = { attempts: 0, createdAt: 0 };
    const decisions = [];
    for (let i = 0; i < 6; i += 1) {
      const d = afterRetryableFailure(policy, state, { counted: true }, 1000 * i);
      decisions.push(d.giveUp);
      state = { ...state, attempts: d.attempts };
    }
    expect(decisions).toEqual([false, false, false, false, false, 'max-attempts']);
  });

  it('does not count outage-time failures, but gives up past the maximum age', () => {
    const state = { attempts: 5, createdAt: 0 };
    expect(afterRetryableFailure(policy, state, { counted: false }, 59 * 60_000).giveUp).toBe(false);
    expect(afterRetryableFailure(policy, state, { counted: false }, 61 * 60_000).giveUp).toBe('max-age');
  });

  it('survives a 30 s outage with the default settings (breaker 5 / 10 s, max attempts 6, backoff 200 ms)', () => {
    // Simulate one request alone against a registry down for 30 s, as the worker would drive it.
    let now = 0;
    const breaker = new CircuitBreaker(5, 10_000, () => now);
    let state = { attempts: 0, createdAt: 0 };
    let nextAt = 0;
    let verifiedAt: number | undefined;
    while (now < 120_000 && verifiedAt === undefined) {
      now = Math.max(now + 100, nextAt);
      const permit = breaker.acquire();
      if (!permit) {
        nextAt = breaker.retryAt;
        continue;
      }
      if (now >= 30_000) {
        breaker.recordSuccess(permit);
        verifiedAt = now;
        break;
      }
      breaker.recordFailure(permit);
      const d = afterRetryableFailure(policy, state, { counted: permit === 'normal' }, now);
      expect(d.giveUp).toBe(false);
      state = { ...state, attempts: d.attempts };
      nextAt = now + backoffDelayMs(Math.max(d.attempts, 1), 200, 30_000, () => 0.5);
    }
    expect(verifiedAt).toBeGreaterThanOrEqual(30_000);
    expect(verifiedAt).toBeLessThan(45_000);
  });
});
