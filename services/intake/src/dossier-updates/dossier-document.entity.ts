import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DocumentDigitizedV1 } from '@motcua/contracts';

/** A signature report as intake keeps it: the latest `verifiedAt` of the reports about one document wins. */
export interface SignatureReport {
  indication: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
  subIndication?: string;
  verificationId: string;
  verifiedAt: string;
  signatureCount?: number;
  sha256?: string;
}

/**
 * Every document intake has heard of for its dossiers, one row per document id. Events on the document and the
 * signature topics are not ordered with each other, so a signature report is kept here even before its document
 * is known (or after it was superseded); the dossier's components are derived from these rows.
 */
@Entity({ name: 'dossier_document' })
@Index('dossier_document_dossier_idx', ['dossierCode'])
@Index('dossier_document_source_idx', ['sourceDocumentId'])
export class DossierDocumentEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_document_pkey' })
  documentId: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'text' })
  componentCode: string;

  /** DIGITIZED or REUSED once the document event arrived; null while only a signature report is known. */
  @Column({ type: 'text', nullable: true })
  source: 'DIGITIZED' | 'REUSED' | null;

  @Column({ type: 'text', nullable: true })
  kind: DocumentDigitizedV1['kind'] | null;

  /** storedAt (digitized) or reusedAt (reused): the latest per component is the component's current document. */
  @Column({ type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  documentVersion: number | null;

  @Column({ type: 'text', nullable: true })
  previousDocumentId: string | null;

  /** A reuse: the stored document whose bytes it reuses (and whose signature report applies to it). */
  @Column({ type: 'text', nullable: true })
  sourceDocumentId: string | null;

  @Column({ type: 'text', nullable: true })
  recordId: string | null;

  @Column({ type: 'text', nullable: true })
  digitizationLevel: 'SCAN_ONLY' | 'STRUCTURED' | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'jsonb', nullable: true })
  signature: SignatureReport | null;
}
