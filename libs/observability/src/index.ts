export { maskIdNumber, maskName, maskPhone, maskText, redactPii } from './pii-redaction';
export { createLogger, NestPinoLogger, type Logger } from './logger';
export {
  HealthController,
  READINESS_CHECKS,
  postgresReadiness,
  kafkaReadiness,
  type ReadinessCheck,
} from './health';
export { MetricsController, initMetrics, httpMetricsMiddleware } from './metrics';
export {
  gaugeAtScrape,
  gaugesOfOneReading,
  getOrCreateMetric,
  type GaugeSample,
  type ScrapeGaugeSpec,
} from './scrape-gauges';
export { flushTracing, startTracing } from './tracing';
export {
  contextFromTraceparent,
  currentTraceparent,
  inSpan,
  SpanKind,
  traceLogFields,
} from './trace-context';
export { TracingShutdown } from './tracing-shutdown';
