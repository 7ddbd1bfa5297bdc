import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';

/**
 * OpenTelemetry's standard variables (the subset motcua honours). Spans are always made, so that trace ids
 * reach the logs and traceparent crosses Kafka; they leave the process only when OTEL_TRACES_EXPORTER says so.
 */
export class TracingConfig {
  @IsBoolean()
  OTEL_SDK_DISABLED = false;

  @IsIn(['none', 'otlp', 'console'])
  OTEL_TRACES_EXPORTER = 'none';

  /** Base URL of an OTLP/HTTP receiver; spans go to `<endpoint>/v1/traces`. */
  @Matches(/^(https?:\/\/[^\s]+)?$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:4318';

  /** Full URL for traces only; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  @Matches(/^(https?:\/\/[^\s]+)?$/, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = '';

  /** Overrides the service's own name in the spans' resource. */
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'OTEL_SERVICE_NAME may hold letters, digits, ".", "_" and "-"' })
  OTEL_SERVICE_NAME = '';

  /** Delay between two exports of the batch span processor. */
  @IsInt()
  @Min(1)
  @Max(60_000)
  OTEL_BSP_SCHEDULE_DELAY = 5000;
}
