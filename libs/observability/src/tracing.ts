import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SpanExporter,
  SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { loadConfig, TracingConfig } from '@motcua/config';

let provider: TracerProvider | undefined;

/** Probes and scrapes would drown the traces that matter. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

function exporterFor(config: TracingConfig): SpanExporter | undefined {
  if (config.OTEL_TRACES_EXPORTER === 'console') return new ConsoleSpanExporter();
  if (config.OTEL_TRACES_EXPORTER !== 'otlp') return undefined;
  const url =
    config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return new OTLPTraceExporter({ url });
}

/**
 * Registers the tracer provider, W3C propagation and the http, express, pg and fetch instrumentations.
 * Must run before those modules are loaded: each service's `tracing.ts`, the first import of its `main.ts`.
 * Idempotent. Invalid OTEL_* settings fail the start like any other invalid configuration.
 */
export function startTracing(serviceName: string): void {
  if (provider) return;
  const config = loadConfig(TracingConfig);
  if (config.OTEL_SDK_DISABLED) return;
  const exporter = exporterFor(config);
  const spanProcessors: SpanProcessor[] = exporter
    ? [new BatchSpanProcessor({ exporter, scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY })]
    : [];
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      // A span per middleware and router layer says little beside the handler's and costs each request several
      // spans (issue 16: a visible share of a small POST's CPU); the handler's span still carries the route.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
      // Pool housekeeping outside any request or message is noise; so is taking a pooled connection.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new UndiciInstrumentation(),
    ],
  });
}

/** Exports what is still buffered; called on shutdown. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}
