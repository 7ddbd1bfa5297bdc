import { backoffDelayMs } from '../../src/registry/backoff';
import { CircuitBreaker } from '../../src/registry/circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('opens after N consecutive failures and refuses calls while open', () => {
    const breaker = new CircuitBreaker(3, 1000, clock);
    for (let i = 0; i < 2; i += 1) breaker.recordFailure(breaker.acquire()!);
    expect(breaker.current).toBe('CLOSED');
    breaker.recordFailure(breaker.acquire()!);
    expect(breaker.current).toBe('OPEN');
    expect(breaker.acquire()).toBeUndefined();
    expect(breaker.retryAt).toBe(2_000);
  });

  it('a success resets the consecutive-failure count', () => {
    const breaker = new CircuitBreaker(2, 1000, clock);
    breaker.recordFailure(breaker.acquire()!);
    breaker.recordSuccess(breaker.acquire()!);
    breaker.recordFailure(breaker.acquire()!);
    expect(breaker.current).toBe('CLOSED');
  });

  it('half-opens after the open period with exactly one trial; success closes it', () => {
    const breaker = new CircuitBreaker(1, 1000, clock);
    breaker.recordFailure(breaker.acquire()!);
    now += 1000;
    expect(breaker.current).toBe('HALF_OPEN');
    const trial = breaker.acquire();
    expect(trial).toBe('trial');
    expect(breaker.acquire()).toBeUndefined();
    breaker.recordSuccess(trial!);
    expect(breaker.current).toBe('CLOSED');
    expect(breaker.acquire()).toBe('normal');
  });

  it('a failed trial opens it again for another period', () => {
    const breaker = new CircuitBreaker(1, 1000, clock);
    breaker.recordFailure(breaker.acquire()!);
    now += 1000;
    breaker.recordFailure(breaker.acquire()!);
    expect(breaker.current).toBe('OPEN');
    now += 999;
    expect(breaker.acquire()).toBeUndefined();
    now += 1;
    expect(breaker.acquire()).toBe('trial');
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially, is capped, and is jittered in [0, ceiling)', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelayMs(4, 100, 10_000, () => 0.999)).toBe(799);
    expect(backoffDelayMs(20, 100, 10_000, () => 0.999)).toBe(9990);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0);
  });
});
