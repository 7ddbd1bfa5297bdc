import { IsInt, Max, Min } from 'class-validator';
import { S3ServiceConfig } from '@motcua/config';

export class DigitizationConfig extends S3ServiceConfig {
  override PORT = 3002;
  override DATABASE_SCHEMA = 'digitization';
  override KAFKA_CLIENT_ID = 'motcua-digitization';

  /** Largest document accepted, in bytes (50 MB); a larger upload is 413. */
  @IsInt()
  @Min(1)
  @Max(5 * 1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

  /**
   * Bytes held in memory per upload part: a document up to this size is one PUT, a larger one a multipart upload
   * of parts this size (S3's minimum part is 5 MiB). Memory per upload stays at about two parts whatever the size.
   */
  @IsInt()
  @Min(5 * 1024 * 1024)
  @Max(512 * 1024 * 1024)
  UPLOAD_PART_BYTES = 8 * 1024 * 1024;

  /** An object with no document row that is older than this was left by a crash between put and commit. */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  ORPHAN_GRACE_SECONDS = 3600;

  /** How often the orphan reaper runs. */
  @IsInt()
  @Min(100)
  @Max(24 * 3600 * 1000)
  ORPHAN_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

  /**
   * PDFs up to this size get their page count (libs/pdf parses a whole file in memory). Up to UPLOAD_PART_BYTES
   * the bytes are in memory anyway; above it, the object is read back from S3, which costs that much memory per
   * upload, so the default keeps memory flat and larger PDFs are stored without a page count.
   */
  @IsInt()
  @Min(0)
  @Max(5 * 1024 * 1024 * 1024)
  PDF_PAGE_COUNT_MAX_BYTES = 8 * 1024 * 1024;
}
