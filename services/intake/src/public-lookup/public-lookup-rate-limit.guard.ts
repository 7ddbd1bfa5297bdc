import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '@motcua/http';
import { ClientRateLimiter, clientKeyOf } from './client-rate-limiter';
import {
  DEFAULT_PUBLIC_LOOKUP_OPTIONS,
  PUBLIC_LOOKUP_OPTIONS,
  PublicLookupOptions,
} from './public-lookup.options';

/**
 * Limits the public lookup per client address. A guard runs before validation and the database,
 * so malformed and unknown-code requests are counted too. The address is Express's `request.ip`,
 * which honours the app's `trust proxy` setting behind a load balancer.
 */
@Injectable()
export class PublicLookupRateLimitGuard implements CanActivate {
  private readonly limiter: ClientRateLimiter;

  constructor(@Optional() @Inject(PUBLIC_LOOKUP_OPTIONS) options?: PublicLookupOptions) {
    this.limiter = new ClientRateLimiter((options ?? DEFAULT_PUBLIC_LOOKUP_OPTIONS).rateLimit);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const decision = this.limiter.take(clientKeyOf(request.ip ?? request.socket?.remoteAddress));
    if (decision.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-requests',
      `Too many status lookups from your address; try again in ${decision.retryAfterSeconds} s.`,
      [],
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
}
