import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type VerificationStatus = 'PENDING' | 'DONE' | 'FAILED';

/**
 * One applicant verification per dossier, written in the inbox transaction of dossier.received and worked
 * off by the verification worker: the dossier code as primary key makes a redelivered or replayed event a no-op.
 */
@Entity({ name: 'verification_request' })
@Index('verification_request_due_idx', ['status', 'nextAttemptAt'])
export class VerificationRequestEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'verification_request_pkey' })
  dossierCode: string;

  @Column({ type: 'text' })
  agencyCode: string;

  @Column({ type: 'text' })
  idNumber: string;

  /** As the applicant wrote it (NFC); compared with the registry's by `namesMatch`. */
  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'text', default: 'PENDING' })
  status: VerificationStatus;

  /** Failed registry calls counted against REGISTRY_MAX_ATTEMPTS (outage-time calls are not counted). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Every registry call made for this request, counted or not. */
  @Column({ type: 'integer', default: 0 })
  calls: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'boolean', nullable: true })
  match: boolean | null;

  @Column({ type: 'text', array: true, nullable: true })
  mismatches: string[] | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** W3C traceparent of the event that queued the request: the registry call continues that trace. */
  @Column({ type: 'text', nullable: true })
  traceparent: string | null;
}
