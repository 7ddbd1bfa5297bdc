import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

/** Settings of any motcua HTTP process. */
export class HttpServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL = 'info';

  @IsBoolean()
  SWAGGER_ENABLED = true;
}

/** Settings every motcua business service has: Postgres, Kafka and token verification. */
export class BaseServiceConfig extends HttpServiceConfig {
  /** Connection string of the service's own least-privileged role (data rights, no DDL). */
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = '';

  /** Schema owner's connection string; only the migration entry point uses it. */
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/.*)?$/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL = '';

  /** The schema this service owns; no service reads another's. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA = '';

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Prepended to every topic and consumer-group name (isolates test runs). */
  @Matches(/^[a-zA-Z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX = '';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'motcua';

  /** Create missing topics at start; production declares topics to the Kafka operator instead. */
  @IsBoolean()
  KAFKA_CREATE_TOPICS = true;

  /** PEM of the public key that verifies access tokens (ES256), or a path to it in AUTH_JWT_PUBLIC_KEY_FILE. */
  @IsOptional()
  @IsString()
  AUTH_JWT_PUBLIC_KEY = '';

  @IsOptional()
  @IsString()
  AUTH_JWT_PUBLIC_KEY_FILE = '';

  @IsString()
  @IsNotEmpty()
  AUTH_JWT_ISSUER = 'motcua-dev';

  /** The `aud` every access token must name (the client id the identity provider issues tokens for). */
  @IsString()
  @IsNotEmpty()
  AUTH_JWT_AUDIENCE = 'motcua';

  /**
   * An identity provider's JWKS endpoint (Keycloak: `<base>/realms/<realm>/protocol/openid-connect/certs`). When set,
   * keys come from there (cached, refetched on an unknown `kid`) instead of AUTH_JWT_PUBLIC_KEY(_FILE).
   */
  @ValidateIf((config: BaseServiceConfig) => config.AUTH_JWKS_URL !== '')
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'AUTH_JWKS_URL must be an http(s) URL' },
  )
  AUTH_JWKS_URL = '';
}

/** A business service that also keeps objects in S3-compatible storage (MinIO, S3Proxy, AWS S3). */
export class S3ServiceConfig extends BaseServiceConfig {
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'S3_ENDPOINT must be an http(s)://host:port URL' })
  S3_ENDPOINT = 'http://127.0.0.1:9000';

  @IsString()
  @IsNotEmpty()
  S3_REGION = 'us-east-1';

  @IsString()
  @IsNotEmpty()
  S3_ACCESS_KEY = '';

  @IsString()
  @IsNotEmpty()
  S3_SECRET_KEY = '';

  /** Bucket names follow S3 rules: 3-63 lower-case letters, digits, dots and hyphens. */
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid S3 bucket name' })
  S3_BUCKET = 'motcua-records';
}
