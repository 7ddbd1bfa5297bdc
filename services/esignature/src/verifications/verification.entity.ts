import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Indication, SubIndication } from '../verification/outcomes';
import type { VerificationReport } from '../verification/verifier';

/**
 * A stored verification report (append-only). A document's file is verified once per trust-store generation:
 * (documentId, sha256, trustGeneration) is unique, so redelivered events and repeated requests find the first
 * report, and a change of anchors or CRLs allows a new one.
 */
@Entity({ name: 'verification' })
@Unique('verification_document_sha256_generation_key', ['documentId', 'sha256', 'trustGeneration'])
@Index('verification_sha256_idx', ['sha256'])
export class VerificationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'verification_pkey' })
  id: string;

  @Column({ type: 'text', nullable: true })
  documentId: string | null;

  /** SHA-256 of the verified file (of the signed file for a detached signature). */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  kind: VerificationReport['kind'];

  @Column({ type: 'text' })
  indication: Indication;

  @Column({ type: 'text', nullable: true })
  subIndication: SubIndication | null;

  @Column({ type: 'jsonb' })
  report: VerificationReport;

  /** The dossier's agency for a document, the uploader's for an upload; null: national scope only. */
  @Column({ type: 'text', nullable: true })
  agencyCode: string | null;

  /** The caller's subject, or `system:document-digitized` for automatic verifications. */
  @Column({ type: 'text' })
  requestedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  verifiedAt: Date;

  /** The trust-store generation the report was made under (bigint, as text). */
  @Column({ type: 'bigint', default: 0 })
  trustGeneration: string;

  /**
   * Issuers of the certificates of the report's paths (below the anchors), as CRL issuers are written: a CRL
   * added for one of them re-queues the document.
   */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  certificateIssuers: string[];

  /** For a reused document: the report whose content this row repeats (the same bytes, the same generation). */
  @Column({ type: 'uuid', nullable: true })
  reusedFrom: string | null;
}
