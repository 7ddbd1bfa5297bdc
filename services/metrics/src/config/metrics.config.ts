import { BaseServiceConfig } from '@motcua/config';

export class MetricsConfig extends BaseServiceConfig {
  override PORT = 3006;
  override DATABASE_SCHEMA = 'metrics';
  override KAFKA_CLIENT_ID = 'motcua-metrics';
}
