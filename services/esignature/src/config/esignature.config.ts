import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { S3ServiceConfig } from '@motcua/config';

export class EsignatureConfig extends S3ServiceConfig {
  override PORT = 3003;
  override DATABASE_SCHEMA = 'esignature';
  override KAFKA_CLIENT_ID = 'motcua-esignature';

  /**
   * Directory of pinned trust anchors (*.pem, *.crt, *.cer, *.der) and CRLs (*.crl), loaded into the trust
   * store at start. Empty: anchors come only from POST /trust-anchors.
   */
  @IsOptional()
  @IsString()
  TRUST_DIR = '';

  /** Largest file (and detached signature) accepted; larger uploads get 413. */
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  MAX_FILE_BYTES = 50 * 1024 * 1024;

  /** Worker threads verifying files (each one job at a time). */
  @IsInt()
  @Min(1)
  @Max(32)
  VERIFY_WORKERS = 2;

  /** A verification running longer ends INDETERMINATE / FORMAT_FAILURE (its thread is replaced). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  VERIFY_TIMEOUT_MS = 30_000;

  /** V8 heap of each verification thread. */
  @IsInt()
  @Min(16)
  @Max(8192)
  VERIFY_MAX_HEAP_MB = 256;

  /** Verifications waiting for a thread beyond this are refused with 503. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  VERIFY_QUEUE_MAX = 32;

  /** PDF nesting depth (arrays and dictionaries) accepted. */
  @IsInt()
  @Min(8)
  @Max(1000)
  PDF_MAX_DEPTH = 64;

  /** Output of one inflated stream, and of all streams of one file. */
  @IsInt()
  @Min(1024)
  PDF_MAX_INFLATE_BYTES = 64 * 1024 * 1024;

  @IsInt()
  @Min(1024)
  PDF_MAX_INFLATE_TOTAL_BYTES = 256 * 1024 * 1024;

  /** How often the worker looks for documents to verify (from document.digitized). */
  @IsInt()
  @Min(10)
  @Max(60_000)
  SIGNATURE_JOB_POLL_INTERVAL_MS = 500;

  /** Tries to read a document's object before it is reported INDETERMINATE / SIGNED_DATA_NOT_FOUND. */
  @IsInt()
  @Min(1)
  @Max(100)
  SIGNATURE_JOB_MAX_ATTEMPTS = 5;

  /** Base of the exponential backoff between those tries. */
  @IsInt()
  @Min(1)
  @Max(600_000)
  SIGNATURE_JOB_RETRY_BASE_MS = 1000;

  /** A claimed job not finished within this (crash) is claimed again. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  SIGNATURE_JOB_LEASE_MS = 120_000;
}
