import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per document of a dossier, filled by whichever of digitized, reused and signature-verified arrives first;
 * the dossier's agency, procedure and receipt time are copied in once the dossier is known.
 */
@Entity({ name: 'document_fact' })
@Index('document_fact_dossier_idx', ['dossierCode'])
@Index('document_fact_scope_idx', { synchronize: false })
export class DocumentFactEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'document_fact_pkey' })
  documentId: string;

  @Column({ type: 'text' })
  dossierCode: string;

  @Column({ type: 'text', nullable: true })
  agencyCode: string | null;

  @Column({ type: 'text', nullable: true })
  agencyPath: string | null;

  @Column({ type: 'text', nullable: true })
  procedureCode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  dossierReceivedAt: Date | null;

  /** APPLICATION, SUPPORTING or RESULT; null for a reused record or a document known only by its signature. */
  @Column({ type: 'text', nullable: true })
  kind: string | null;

  /** ELECTRONIC or SCANNED_PAPER. */
  @Column({ type: 'text', nullable: true })
  origin: string | null;

  /** SCAN_ONLY or STRUCTURED. */
  @Column({ type: 'text', nullable: true })
  digitizationLevel: string | null;

  @Column({ type: 'boolean', default: false })
  reused: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  storedAt: Date | null;

  /** The latest verification: TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE. */
  @Column({ type: 'text', nullable: true })
  signatureIndication: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signatureVerifiedAt: Date | null;

  /** The first verification's time: a report judged between it and the latest looks the one then up. */
  @Column({ type: 'timestamptz', nullable: true })
  signatureFirstVerifiedAt: Date | null;

  /** Signatures the file carries, when the report says; 0 is an unsigned file, not a failed signature. */
  @Column({ type: 'integer', nullable: true })
  signatureCount: number | null;

  /** When a corrected version replaced this document: from then on the correction counts instead. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
