import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { maskIdNumber } from '@motcua/observability';
import { DataSharingConfig } from '../config/data-sharing.config';
import { backoffDelayMs } from './backoff';
import { BreakerPermit, CircuitBreaker } from './circuit-breaker';
import { CircuitOpenError, RegistryRejectedError, RegistryUnavailableError } from './registry.errors';

export const DATA_SHARING_CONFIG = Symbol('DATA_SHARING_CONFIG');

export interface RegistryVerifyRequest {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
}

export interface RegistryVerifyAnswer {
  match: boolean;
  mismatches: string[];
}

/** The registry's person record; fields beyond these are passed through. */
export interface RegistryPerson {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex?: string;
  [field: string]: unknown;
}

/** Who asks and why: the registry requires both on every call (X-Requester, X-Purpose). */
export interface RegistryCallContext {
  requester: string;
  purpose: string;
  /** HTTP tries for this call (retries on 5xx, timeouts and network errors only). */
  attempts?: number;
}

interface HttpAnswer {
  status: number;
  body: unknown;
}

/**
 * HTTP client of the population registry: per-call timeout, bounded retries with exponential backoff and
 * full jitter for 5xx/timeouts/network errors (never 4xx), behind a consecutive-failure circuit breaker.
 * Logs carry masked ID numbers only.
 */
@Injectable()
export class RegistryClient {
  readonly breaker: CircuitBreaker;
  private readonly logger: Logger;

  constructor(
    @Inject(DATA_SHARING_CONFIG) private readonly config: DataSharingConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'registry-client' });
    this.breaker = new CircuitBreaker(
      config.REGISTRY_BREAKER_FAILURES,
      config.REGISTRY_BREAKER_OPEN_MS,
      Date.now,
      (from, to) => this.logger.warn({ from, to }, 'registry circuit breaker changed state'),
    );
  }

  /** Asks the registry whether the applicant's data match its record. */
  async verify(request: RegistryVerifyRequest, context: RegistryCallContext): Promise<RegistryVerifyAnswer> {
    const answer = await this.call(
      'POST',
      '/api/v1/citizens/verify',
      request.idNumber,
      context,
      JSON.stringify(request),
    );
    if (answer.status !== 200) throw new RegistryRejectedError(answer.status);
    const body = answer.body as Partial<RegistryVerifyAnswer> | null;
    if (!body || typeof body.match !== 'boolean' || !Array.isArray(body.mismatches)) {
      throw new RegistryUnavailableError('registry answered verify with an unexpected body', false);
    }
    return { match: body.match, mismatches: body.mismatches.map(String) };
  }

  /** The registry's record of a person, or undefined when it knows no such ID number. */
  async findPerson(idNumber: string, context: RegistryCallContext): Promise<RegistryPerson | undefined> {
    const answer = await this.call(
      'GET',
      `/api/v1/citizens/${encodeURIComponent(idNumber)}`,
      idNumber,
      context,
    );
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new RegistryRejectedError(answer.status);
    return answer.body as RegistryPerson;
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    idNumber: string,
    context: RegistryCallContext,
    body?: string,
  ): Promise<HttpAnswer> {
    const attempts = context.attempts ?? 1;
    const url = `${this.config.REGISTRY_URL.replace(/\/$/, '')}${path}`;
    const logPath = path.replace(idNumber, maskIdNumber(idNumber));
    for (let attempt = 1; ; attempt += 1) {
      const permit = this.breaker.acquire();
      if (!permit) throw new CircuitOpenError(this.breaker.retryAt);
      try {
        return await this.once(method, url, permit, context, body);
      } catch (error) {
        const unavailable = error instanceof RegistryUnavailableError;
        this.logger.warn(
          {
            method,
            path: logPath,
            idNumber: maskIdNumber(idNumber),
            attempt,
            of: attempts,
            error: (error as Error).message,
          },
          'registry call failed',
        );
        if (!unavailable || attempt >= attempts || error instanceof CircuitOpenError) throw error;
        const delay = backoffDelayMs(
          attempt,
          this.config.REGISTRY_RETRY_BASE_MS,
          this.config.REGISTRY_RETRY_MAX_MS,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async once(
    method: 'GET' | 'POST',
    url: string,
    permit: BreakerPermit,
    context: RegistryCallContext,
    body?: string,
  ): Promise<HttpAnswer> {
    const duringOutage = permit === 'trial';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          'x-requester': headerValue(context.requester),
          'x-purpose': headerValue(context.purpose),
        },
        body,
        signal: AbortSignal.timeout(this.config.REGISTRY_TIMEOUT_MS),
      });
    } catch (error) {
      this.breaker.recordFailure(permit);
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new RegistryUnavailableError(
        timedOut
          ? `registry did not answer within ${this.config.REGISTRY_TIMEOUT_MS} ms`
          : `registry unreachable: ${(error as Error).message}`,
        duringOutage,
      );
    }
    let parsed: unknown = null;
    try {
      const text = await response.text();
      parsed = text ? JSON.parse(text) : null;
    } catch (error) {
      if (response.status < 500) {
        this.breaker.recordFailure(permit);
        throw new RegistryUnavailableError(
          `registry sent an unreadable body: ${(error as Error).message}`,
          duringOutage,
        );
      }
    }
    if (response.status >= 500) {
      this.breaker.recordFailure(permit);
      throw new RegistryUnavailableError(`registry answered HTTP ${response.status}`, duringOutage);
    }
    // Any 2xx/4xx answer shows the registry is up.
    this.breaker.recordSuccess(permit);
    return { status: response.status, body: parsed };
  }
}

/** HTTP header values must be visible ASCII; anything else is percent-encoded rather than failing the call. */
function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
