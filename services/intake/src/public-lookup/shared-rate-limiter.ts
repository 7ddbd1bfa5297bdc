import { DataSource } from 'typeorm';

export interface RateLimitOptions {
  /** Requests a client may make in a burst, and per window on average. */
  maxRequests: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole requests left right now. */
  remaining: number;
  /** When refused: seconds until one request is allowed again (for Retry-After). */
  retryAfterSeconds: number;
}

/** Buckets untouched for a whole window are full again; one in this many takes sweeps them away. */
const SWEEP_EVERY = 500;

/**
 * A token bucket per client in PostgreSQL, so that every replica behind the load balancer counts against the same
 * allowance: `maxRequests` at once, refilled evenly over `windowSeconds`, by the database's clock. One upsert per
 * request; the row lock of ON CONFLICT serialises a client's concurrent requests.
 */
export class SharedRateLimiter {
  private takes = 0;
  private readonly perSecond: number;
  private readonly takeSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: RateLimitOptions,
  ) {
    for (const key of ['maxRequests', 'windowSeconds'] as const) {
      if (!Number.isInteger(options[key]) || options[key] < 1) {
        throw new RangeError(`rate limit ${key} must be a positive whole number: ${options[key]}`);
      }
    }
    this.perSecond = options.maxRequests / options.windowSeconds;
    const refilled = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at)) * $3::float8)`;
    // The tolerance absorbs floating-point dust from adding up fractional refills.
    this.takeSql = `
      INSERT INTO public_lookup_bucket AS b (client_key, tokens, allowed, updated_at)
      VALUES ($1, $2::float8 - 1, true, statement_timestamp())
      ON CONFLICT (client_key) DO UPDATE SET
        tokens = ${refilled} - CASE WHEN ${refilled} >= 1 - 1e-9 THEN 1 ELSE 0 END,
        allowed = ${refilled} >= 1 - 1e-9,
        updated_at = GREATEST(b.updated_at, statement_timestamp())
      RETURNING tokens, allowed`;
  }

  /** Counts one request of `client` and says whether it may go ahead. */
  async take(client: string): Promise<RateLimitDecision> {
    const [row] = (await this.dataSource.query(this.takeSql, [
      client,
      this.options.maxRequests,
      this.perSecond,
    ])) as Array<{ tokens: number; allowed: boolean }>;
    if (++this.takes % SWEEP_EVERY === 0) await this.sweep();
    const tokens = Math.max(0, Number(row.tokens));
    if (row.allowed) return { allowed: true, remaining: Math.floor(tokens + 1e-9), retryAfterSeconds: 0 };
    const waitSeconds = (1 - tokens) / this.perSecond;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds - 1e-9)) };
  }

  /** Forgets buckets that have been full for a while (bounds the table). */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM public_lookup_bucket WHERE updated_at < statement_timestamp() - make_interval(secs => $1)`,
      [this.options.windowSeconds],
    );
  }
}
