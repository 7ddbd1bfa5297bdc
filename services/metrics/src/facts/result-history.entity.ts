import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every signature verification of a document, kept with its time: a report judged at T uses the latest before T, so
 * a re-verification after a trust-store change does not rewrite a closed period.
 */
@Entity({ name: 'signature_result' })
export class SignatureResultEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'signature_result_pkey' })
  documentId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'signature_result_pkey' })
  verificationId: string;

  @Column({ type: 'text' })
  dossierCode: string;

  /** TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE. */
  @Column({ type: 'text' })
  indication: string;

  @Column({ type: 'integer', nullable: true })
  signatureCount: number | null;

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;
}

/** Every registry check of a dossier's applicant, with its time (the latest before the instant judged counts). */
@Entity({ name: 'applicant_check_result' })
export class ApplicantCheckResultEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'applicant_check_result_pkey' })
  dossierCode: string;

  /** The event's id: two checks at the same instant are ordered by it. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'applicant_check_result_pkey' })
  eventId: string;

  /** MATCH, MISMATCH or FAILED. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'timestamptz' })
  checkedAt: Date;
}

/** Every feedback recorded on a dossier, with its time (the latest before the instant judged counts). */
@Entity({ name: 'feedback_result' })
export class FeedbackResultEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'feedback_result_pkey' })
  dossierCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'feedback_result_pkey' })
  eventId: string;

  @Column({ type: 'text' })
  satisfaction: string;

  @Column({ type: 'boolean' })
  complaint: boolean;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
