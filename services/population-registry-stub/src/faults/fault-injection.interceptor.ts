import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { localized, ProblemException } from '@motcua/http';
import { FaultsService } from './faults.service';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applied to the /api/v1 controllers only: waits the configured latency, then answers 503 problem details
 * during an outage or for the configured fraction of requests. Runs after the requester guard and before
 * body validation, as a registry behind a gateway would.
 */
@Injectable()
export class FaultInjectionInterceptor implements NestInterceptor {
  constructor(private readonly faults: FaultsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const decision = this.faults.decide();
    return from(decision.delayMs > 0 ? sleep(decision.delayMs) : Promise.resolve()).pipe(
      switchMap(() => {
        if (decision.kind === 'outage') {
          if (decision.retryAfterSeconds !== undefined) {
            context
              .switchToHttp()
              .getResponse<Response>()
              .setHeader('Retry-After', String(decision.retryAfterSeconds));
          }
          throw new ProblemException(
            HttpStatus.SERVICE_UNAVAILABLE,
            'registry-outage',
            localized(
              'The population registry is unavailable (outage). Try again later.',
              'Cơ sở dữ liệu quốc gia về dân cư đang gián đoạn. Vui lòng thử lại sau.',
            ),
          );
        }
        if (decision.kind === 'error') {
          throw new ProblemException(
            HttpStatus.SERVICE_UNAVAILABLE,
            'registry-unavailable',
            localized(
              'The population registry could not answer this request. Try again.',
              'Cơ sở dữ liệu quốc gia về dân cư không trả lời được yêu cầu này. Vui lòng thử lại.',
            ),
          );
        }
        return next.handle();
      }),
    );
  }
}
