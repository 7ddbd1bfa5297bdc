import { RateLimitOptions } from './client-rate-limiter';

export interface PublicLookupOptions {
  rateLimit: RateLimitOptions;
}

export const PUBLIC_LOOKUP_OPTIONS = Symbol('PUBLIC_LOOKUP_OPTIONS');

/** 20 lookups a minute per client: plenty for a citizen, slow for anyone guessing codes. */
export const DEFAULT_PUBLIC_LOOKUP_OPTIONS: PublicLookupOptions = {
  rateLimit: { maxRequests: 20, windowSeconds: 60, maxClients: 10_000 },
};
