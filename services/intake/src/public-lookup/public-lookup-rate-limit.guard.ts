import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { localized, ProblemException } from '@motcua/http';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { IntakeConfig } from '../config/intake.config';
import { TrustedProxies } from './client-address';
import { clientKeyOf } from './client-key';
import { SharedRateLimiter } from './shared-rate-limiter';

/** When the bucket store cannot answer, how long the client is asked to wait. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Limits the public lookup per client address, with one allowance per client across all replicas (the buckets
 * live in PostgreSQL). The client is the socket's peer, or, when that peer is a configured trusted proxy, the
 * address that proxy forwarded (PUBLIC_LOOKUP_TRUSTED_PROXIES); X-Forwarded-For from anyone else is ignored. A
 * guard runs before validation and the lookup, so malformed and unknown-code requests are counted too.
 */
@Injectable()
export class PublicLookupRateLimitGuard implements CanActivate {
  private readonly limiter: SharedRateLimiter;
  private readonly proxies: TrustedProxies;

  constructor(dataSource: DataSource, @Inject(SERVICE_CONFIG) config: IntakeConfig) {
    this.limiter = new SharedRateLimiter(dataSource, {
      maxRequests: config.PUBLIC_LOOKUP_MAX_REQUESTS,
      windowSeconds: config.PUBLIC_LOOKUP_WINDOW_SECONDS,
    });
    this.proxies = new TrustedProxies(config.PUBLIC_LOOKUP_TRUSTED_PROXIES);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const client = this.proxies.clientAddress(
      request.socket?.remoteAddress,
      request.headers['x-forwarded-for'],
    );
    let decision;
    try {
      decision = await this.limiter.take(clientKeyOf(client));
    } catch {
      response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        localized(
          'The status lookup is unavailable for a moment; try again shortly.',
          'Tra cứu tình trạng hồ sơ tạm thời không sẵn sàng; vui lòng thử lại sau ít phút.',
        ),
      );
    }
    if (decision.allowed) return true;
    response.setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-requests',
      localized(
        `Too many status lookups from your address; try again in ${decision.retryAfterSeconds} s.`,
        `Địa chỉ của bạn tra cứu quá nhiều lần; vui lòng thử lại sau ${decision.retryAfterSeconds} giây.`,
      ),
      [],
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
}
