import { ApiProperty } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS,
  DOCUMENT_ORIGINS,
  type DigitizationLevel,
  type DocumentKind,
  type DocumentOrigin,
} from './document.entity';
import type { IntegrityOutcome } from './integrity-check.entity';

const INTEGRITY_OUTCOMES: IntegrityOutcome[] = ['INTACT', 'ALTERED', 'MISSING'];

const DATE_TIME = { type: String, format: 'date-time' } as const;
const SHA256 = {
  pattern: '^[0-9a-f]{64}$',
  example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

export class DocumentDeletionResponse {
  @ApiProperty({ example: 'admin-luu-tru' })
  by: string;

  @ApiProperty({ example: 'Hết thời hạn lưu trữ theo Thông tư 01/2023/TT-VPCP' })
  reason: string;

  @ApiProperty(DATE_TIME)
  at: string;
}

export class LastIntegrityCheckResponse {
  @ApiProperty({ enum: INTEGRITY_OUTCOMES })
  outcome: IntegrityOutcome;

  @ApiProperty(DATE_TIME)
  at: string;
}

/** A stored document (a file, or scan, of one dossier component) and its place in the version chain. */
export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '000.00.12.H49-261127-0042' })
  dossierCode: string;

  @ApiProperty({ example: 'TK01' })
  componentCode: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_ORIGINS })
  origin: DocumentOrigin;

  @ApiProperty({ enum: ['SCAN_ONLY', 'STRUCTURED'] })
  digitizationLevel: DigitizationLevel;

  @ApiProperty({ example: 'application/pdf' })
  mimeType: string;

  @ApiProperty(SHA256)
  sha256: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  size: number;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0 })
  pageCount: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'to-khai-khai-sinh.pdf' })
  fileName: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Fields extracted (STRUCTURED), valid against the component schema',
  })
  data: Record<string, unknown> | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousVersionId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  supersededBy: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reusedFromRecordId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Its e-record, once issued' })
  recordId: string | null;

  @ApiProperty({ example: 'clerk-hoan-kiem-01' })
  uploadedBy: string;

  @ApiProperty({ example: '000.00.12.H49' })
  agencyCode: string;

  @ApiProperty(DATE_TIME)
  storedAt: string;

  @ApiProperty({ type: DocumentDeletionResponse, nullable: true })
  deleted: DocumentDeletionResponse | null;

  @ApiProperty({ type: LastIntegrityCheckResponse, nullable: true })
  lastIntegrityCheck: LastIntegrityCheckResponse | null;
}

export class IntegrityCheckResponse {
  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty({ enum: INTEGRITY_OUTCOMES })
  outcome: IntegrityOutcome;

  @ApiProperty()
  intact: boolean;

  @ApiProperty(SHA256)
  expectedSha256: string;

  @ApiProperty({ type: String, nullable: true, description: 'null when the object is missing' })
  actualSha256: string | null;

  @ApiProperty(DATE_TIME)
  checkedAt: string;
}

export class RetentionDeletionResponse {
  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty()
  deletedBy: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ description: 'false while another document still shares the stored object' })
  objectDeleted: boolean;

  @ApiProperty(DATE_TIME)
  deletedAt: string;
}
