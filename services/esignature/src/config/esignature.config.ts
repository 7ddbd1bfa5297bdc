import { S3ServiceConfig } from '@motcua/config';

export class EsignatureConfig extends S3ServiceConfig {
  override PORT = 3003;
  override DATABASE_SCHEMA = 'esignature';
  override KAFKA_CLIENT_ID = 'motcua-esignature';
}
