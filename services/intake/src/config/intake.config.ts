import { IsInt, IsString, IsUrl, Max, Min, Validate, ValidateIf } from 'class-validator';
import { BaseServiceConfig } from '@motcua/config';
import { TrustedProxiesSpec } from './trusted-proxies.validator';

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

  /** The public status lookup: requests a client may make per window (a burst of as many), across all replicas. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  PUBLIC_LOOKUP_MAX_REQUESTS = 20;

  @IsInt()
  @Min(1)
  @Max(86_400)
  PUBLIC_LOOKUP_WINDOW_SECONDS = 60;

  /**
   * Load balancers / ingress whose X-Forwarded-For names the client (comma-separated addresses or CIDR ranges).
   * Empty: the socket's peer is the client and X-Forwarded-For is ignored.
   */
  @IsString()
  @Validate(TrustedProxiesSpec)
  PUBLIC_LOOKUP_TRUSTED_PROXIES = '';

  /**
   * Production: the agencies' form-signing credentials (a mounted secret), one folder per agency code with
   * `key.pem` (PKCS#8), `cert.pem` and optionally `chain.pem` (issuing CAs) and `*.crl` (embedded in the signature).
   */
  @IsString()
  FORM_SIGNING_DIR = '';

  /**
   * Development only: the local form-signing CA (`npm start` creates it under .local/pki/forms-dev-ca); intake
   * issues each agency's certificate from it on first use. Ignored when FORM_SIGNING_DIR is set.
   */
  @IsString()
  FORM_SIGNING_DEV_CA_DIR = '';

  /**
   * An RFC 3161 timestamp authority (http(s) URL, e.g. the agency CA's TSA). When set, every form signature is
   * PAdES B-T: it carries the TSA's signature-time-stamp token over its signature value; a TSA that is down or
   * answers garbage makes signing fail with a 503 (never a silent B-B). Empty: B-B.
   */
  @ValidateIf((config: IntakeConfig) => config.FORM_SIGNING_TSA_URL !== '')
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'FORM_SIGNING_TSA_URL must be an http(s) URL' },
  )
  FORM_SIGNING_TSA_URL = '';

  /** HTTP basic authentication at the TSA, when it requires it (the password from a secret); empty: none. */
  @IsString()
  FORM_SIGNING_TSA_USERNAME = '';

  @IsString()
  FORM_SIGNING_TSA_PASSWORD = '';

  /** How long one timestamp request may take (connect, send, reply) before signing fails with a 503. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  FORM_SIGNING_TSA_TIMEOUT_MS = 10_000;

  /**
   * First retry of a form that could not be signed (its agency's credentials not mounted yet); each further attempt
   * waits twice as long, up to an hour.
   */
  @IsInt()
  @Min(100)
  @Max(3600_000)
  FORM_ISSUANCE_RETRY_MS = 60_000;
}
