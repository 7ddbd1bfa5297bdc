import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@motcua/config';

export class IntakeConfig extends BaseServiceConfig {
  override PORT = 3001;
  override DATABASE_SCHEMA = 'intake';
  override KAFKA_CLIENT_ID = 'motcua-intake';
  /** Intake is the write-heavy service: more connections let Postgres group concurrent commits. */
  override DATABASE_POOL_SIZE = 24;

  /** How long an Idempotency-Key is remembered: the portal retries within minutes, a day is generous. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;
}
