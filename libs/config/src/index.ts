export { loadConfig, ConfigValidationError } from './load-config';
export { BaseServiceConfig, HttpServiceConfig, S3ServiceConfig } from './base-service-config';
export { TracingConfig } from './tracing-config';
