import { IsInt, Matches, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@motcua/config';

export class DataSharingConfig extends BaseServiceConfig {
  override PORT = 3004;
  override DATABASE_SCHEMA = 'data_sharing';
  override KAFKA_CLIENT_ID = 'motcua-data-sharing';

  /** Base URL of the national population registry (or its local stub). */
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'REGISTRY_URL must be an http(s)://host:port URL' })
  REGISTRY_URL = 'http://127.0.0.1:3005';

  /** Timeout of one HTTP call to the registry. */
  @IsInt()
  @Min(50)
  @Max(60_000)
  REGISTRY_TIMEOUT_MS = 2000;

  /** HTTP tries per interactive lookup (GET /citizens/:id), retrying 5xx, timeouts and network errors. */
  @IsInt()
  @Min(1)
  @Max(10)
  REGISTRY_CALL_ATTEMPTS = 3;

  /** Failed registry calls, while the registry looks healthy, before a verification is given up. */
  @IsInt()
  @Min(1)
  @Max(100)
  REGISTRY_MAX_ATTEMPTS = 6;

  /** Base of the exponential backoff (full jitter) between retries. */
  @IsInt()
  @Min(1)
  @Max(60_000)
  REGISTRY_RETRY_BASE_MS = 200;

  /** Cap of one backoff delay. */
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  REGISTRY_RETRY_MAX_MS = 30_000;

  /** Consecutive failed calls that open the circuit breaker. */
  @IsInt()
  @Min(1)
  @Max(1000)
  REGISTRY_BREAKER_FAILURES = 5;

  /** How long the breaker stays open before letting one trial call through. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  REGISTRY_BREAKER_OPEN_MS = 10_000;

  /** A registry answer for the same (idNumber, fullName, dateOfBirth) is reused this long. */
  @IsInt()
  @Min(0)
  VERIFICATION_CACHE_TTL_SECONDS = 86_400;

  /** A verification still unanswered this long after its dossier arrived is reported as failed. */
  @IsInt()
  @Min(1)
  VERIFICATION_GIVE_UP_AFTER_MINUTES = 60;

  /** How often the verification worker looks for due requests. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  VERIFICATION_POLL_INTERVAL_MS = 500;

  /** Requests claimed per worker round. */
  @IsInt()
  @Min(1)
  @Max(100)
  VERIFICATION_BATCH_SIZE = 10;
}
