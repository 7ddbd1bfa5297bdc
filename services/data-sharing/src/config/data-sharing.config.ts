import { BaseServiceConfig } from '@motcua/config';

export class DataSharingConfig extends BaseServiceConfig {
  override PORT = 3004;
  override DATABASE_SCHEMA = 'data_sharing';
  override KAFKA_CLIENT_ID = 'motcua-data-sharing';
}
