export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** What `acquire` grants: a normal call, or the single trial call of a half-open breaker. */
export type BreakerPermit = 'normal' | 'trial';

/**
 * Consecutive-failure circuit breaker: CLOSED → OPEN after `failureThreshold` consecutive failures;
 * OPEN → HALF_OPEN once `openMs` has passed, letting exactly one trial call through;
 * the trial's success closes it, its failure opens it again for another `openMs`.
 */
export class CircuitBreaker {
  private state: BreakerState = 'CLOSED';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly failureThreshold: number,
    private readonly openMs: number,
    private readonly now: () => number = Date.now,
    private readonly onChange: (from: BreakerState, to: BreakerState) => void = () => undefined,
  ) {}

  get current(): BreakerState {
    if (this.state === 'OPEN' && this.now() - this.openedAt >= this.openMs) return 'HALF_OPEN';
    return this.state;
  }

  /** When an open breaker lets the next trial through (epoch ms); `now` when it is not open. */
  get retryAt(): number {
    return this.state === 'OPEN' ? this.openedAt + this.openMs : this.now();
  }

  /** A permit to call, or undefined when the call must not be made (open, or a trial already in flight). */
  acquire(): BreakerPermit | undefined {
    const state = this.current;
    if (state === 'CLOSED') return 'normal';
    if (this.trialInFlight) return undefined;
    if (state === 'OPEN') return undefined;
    this.transition('HALF_OPEN');
    this.trialInFlight = true;
    return 'trial';
  }

  recordSuccess(permit: BreakerPermit): void {
    if (permit === 'trial') this.trialInFlight = false;
    this.consecutiveFailures = 0;
    if (this.state !== 'CLOSED') this.transition('CLOSED');
  }

  recordFailure(permit: BreakerPermit): void {
    if (permit === 'trial') {
      this.trialInFlight = false;
      this.open();
      return;
    }
    this.consecutiveFailures += 1;
    if (this.state === 'CLOSED' && this.consecutiveFailures >= this.failureThreshold) this.open();
  }

  /** A trial that ended without telling anything (e.g. the caller gave up): let another one through. */
  release(permit: BreakerPermit): void {
    if (permit === 'trial') this.trialInFlight = false;
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('OPEN');
  }

  private transition(to: BreakerState): void {
    const from = this.state;
    this.state = to;
    if (from !== to) this.onChange(from, to);
  }
}
