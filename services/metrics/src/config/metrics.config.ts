import { IsInt, Matches, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@motcua/config';

export class MetricsConfig extends BaseServiceConfig {
  override PORT = 3006;
  override DATABASE_SCHEMA = 'metrics';
  override KAFKA_CLIENT_ID = 'motcua-metrics';

  /** Intake's base URL: the dashboard shows an overdue dossier's history from it (with the auditor's own token). */
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'INTAKE_URL must be an http(s)://host:port URL' })
  INTAKE_URL = 'http://127.0.0.1:3001';

  /** Timeout of one call to intake for the dashboard. */
  @IsInt()
  @Min(50)
  @Max(60_000)
  INTAKE_TIMEOUT_MS = 5000;
}
