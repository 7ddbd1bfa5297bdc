import { S3ServiceConfig } from '@motcua/config';

export class DigitizationConfig extends S3ServiceConfig {
  override PORT = 3002;
  override DATABASE_SCHEMA = 'digitization';
  override KAFKA_CLIENT_ID = 'motcua-digitization';
}
