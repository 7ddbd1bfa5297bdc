import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DocumentDigitizedV1 } from '@motcua/contracts';

export type DocumentKind = DocumentDigitizedV1['kind'];
export type DocumentOrigin = DocumentDigitizedV1['origin'];
export type DigitizationLevel = DocumentDigitizedV1['digitizationLevel'];

export { DOCUMENT_KINDS } from '@motcua/contracts';
/** What a client may upload: forms (FORM) are stored only as intake issued them. */
export const UPLOADABLE_DOCUMENT_KINDS: readonly DocumentKind[] = ['APPLICATION', 'SUPPORTING', 'RESULT'];
export const DOCUMENT_ORIGINS: readonly DocumentOrigin[] = ['ELECTRONIC', 'SCANNED_PAPER'];

/** bigint columns come back from pg as strings; sizes stay far below 2^53. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/**
 * One stored document of a dossier component. Rows are append-only (the service's role can neither update nor
 * delete them): a correction is a new row pointing to the one it corrects, a deletion a tombstone beside it.
 * A document reused from the e-record store is a row of its own that points at the same object.
 */
@Entity({ name: 'document' })
@Index('document_dossier_idx', ['dossierCode', 'componentCode'])
@Index('document_object_key_idx', ['objectKey'])
@Index('document_previous_version_key', ['previousVersionId'], { unique: true })
@Index('document_reuse_key', ['dossierCode', 'componentCode', 'reusedFromRecordId'], { unique: true })
export class DocumentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'document_pkey' })
  id: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'text' })
  componentCode: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  @Column({ type: 'text' })
  origin: DocumentOrigin;

  @Column({ type: 'text' })
  digitizationLevel: DigitizationLevel;

  @Column({ type: 'text' })
  mimeType: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size: number;

  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  /** The extracted data fields, valid against the component's schema (STRUCTURED only). */
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  /** The uploader's file name, for Content-Disposition only (never part of the object key). */
  @Column({ type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text' })
  bucket: string;

  @Column({ type: 'text' })
  objectKey: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  reusedFromRecordId: string | null;

  @Column({ type: 'text' })
  uploadedBy: string;

  /** The dossier's agency when stored: scopes access. */
  @Column({ type: 'text' })
  agencyCode: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
