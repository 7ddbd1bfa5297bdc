import { isIPv6 } from 'node:net';

export interface RateLimitOptions {
  /** Requests a client may make in a burst, and per window on average. */
  maxRequests: number;
  windowSeconds: number;
  /** Clients remembered at once; the least recently seen is forgotten first (bounds memory). */
  maxClients: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole requests left right now. */
  remaining: number;
  /** When refused: seconds until one request is allowed again (for Retry-After). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * A token bucket per client, in process memory: `maxRequests` at once, refilled evenly over
 * `windowSeconds`. The map is kept in least-recently-seen order and trimmed to `maxClients`, so a
 * flood of distinct addresses costs bounded memory. Each replica counts on its own.
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windowMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    for (const key of ['maxRequests', 'windowSeconds', 'maxClients'] as const) {
      if (!Number.isInteger(options[key]) || options[key] < 1) {
        throw new RangeError(`rate limit ${key} must be a positive whole number: ${options[key]}`);
      }
    }
    this.windowMs = options.windowSeconds * 1000;
  }

  /** Counts one request of `client` and says whether it may go ahead. */
  take(client: string): RateLimitDecision {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.maxRequests, updatedMs: now };
    bucket.tokens = Math.min(
      this.options.maxRequests,
      bucket.tokens + (Math.max(0, now - bucket.updatedMs) * this.options.maxRequests) / this.windowMs,
    );
    bucket.updatedMs = now;
    // Re-inserting moves the client to the most recent end.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    while (this.buckets.size > this.options.maxClients) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    // The tolerance absorbs floating-point dust from adding up fractional refills.
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = ((1 - bucket.tokens) * this.windowMs) / this.options.maxRequests;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Clients currently remembered. */
  get size(): number {
    return this.buckets.size;
  }
}

/** The first 64 bits of an IPv6 address: one subscriber's whole network, as providers assign them. */
function ipv6Network(ip: string): string {
  const address = ip.split('%')[0];
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])); // embedded IPv4: two groups
  const headGroups = groups(head);
  const tailGroups = address.includes('::') ? groups(tail) : [];
  const full = [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The key a client is counted under: its IPv4 address, or its IPv6 /64 (a single host can use any
 * address in its /64, so counting single addresses would let it walk around the limit).
 */
export function clientKeyOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  return isIPv6(ip.split('%')[0]) ? ipv6Network(ip) : ip;
}
