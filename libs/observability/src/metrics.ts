import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { Public } from '@motcua/auth';

let initialised = false;

/** Process metrics with a `service` label on everything; idempotent (tests build several apps per process). */
export function initMetrics(service: string): void {
  if (initialised) return;
  initialised = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

const httpDuration = () =>
  (register.getSingleMetric('http_request_duration_seconds') as Histogram<'method' | 'route' | 'status'>) ??
  new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

/** Express middleware: times every request under its route template (never the raw path, which holds IDs). */
export function httpMetricsMiddleware() {
  const histogram = httpDuration();
  return (request: Request, response: Response, next: NextFunction) => {
    const end = histogram.startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ route: `${request.baseUrl ?? ''}${route}`, status: String(response.statusCode) });
    });
    next();
  };
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', register.contentType)
  async scrape(): Promise<string> {
    return register.metrics();
  }
}
