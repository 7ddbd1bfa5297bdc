import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per dossier: what every report needs, kept current from dossier, document and citizen events. */
@Entity({ name: 'dossier_fact' })
// Defined in the migration (text_pattern_ops, INCLUDE, partial and expression indexes are beyond the entity metadata).
@Index('dossier_fact_scope_idx', { synchronize: false })
@Index('dossier_fact_digitization_idx', { synchronize: false })
@Index('dossier_fact_unfinished_idx', { synchronize: false })
@Index('dossier_fact_span_idx', { synchronize: false })
@Index('dossier_fact_finished_scope_idx', { synchronize: false })
@Index('dossier_fact_online_confirmation_idx', { synchronize: false })
export class DossierFactEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_fact_pkey' })
  code: string;

  @Column({ type: 'text' })
  agencyCode: string;

  /** The agency code from level 1 down ('H49.12.00.000'): a subtree is a prefix. */
  @Column({ type: 'text' })
  agencyPath: string;

  @Column({ type: 'text' })
  procedureCode: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** The status as received (SUBMITTED online, RECEIVED at the desk or when imported). */
  @Column({ type: 'text' })
  receivedStatus: string;

  /** The deadline as received (null for an online dossier not yet accepted): the state before any action. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Time of the latest status change applied; a report as of an earlier instant reads dossier_status_log. */
  @Column({ type: 'timestamptz', nullable: true })
  lastStatusAt: Date | null;

  /** Late whatever the clock says: apologised, or more than one supplement request. */
  @Column({ type: 'boolean', default: false })
  lateByRule: boolean;

  @Column({ type: 'boolean', default: false })
  apologized: boolean;

  @Column({ type: 'integer', default: 0 })
  supplementRequests: number;

  /** When the dossier left processing (resolved, refused, withdrawn or stopped). */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  finishedAs: string | null;

  /**
   * The state in force when the dossier finished, and since when: a report judging an instant in between reads it
   * here instead of the status log.
   */
  @Column({ type: 'timestamptz', nullable: true })
  openSince: Date | null;

  @Column({ type: 'text', nullable: true })
  openStatus: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openDueAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  openLateByRule: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  openApologized: boolean | null;

  @Column({ type: 'integer', nullable: true })
  openSupplementRequests: number | null;

  /** EARLY, ON_TIME or LATE, judged when it was resolved (fixed from then on). */
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /** Working minutes on the SLA clock at resolution, pauses excluded. */
  @Column({ type: 'numeric', nullable: true })
  processingMinutes: string | null;

  @Column({ type: 'text', nullable: true })
  paymentStatus: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'text', nullable: true })
  satisfaction: string | null;

  @Column({ type: 'boolean', nullable: true })
  complaint: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  feedbackAt: Date | null;

  /** The first feedback's time: a report judged between it and the latest looks the one then up in feedback_result. */
  @Column({ type: 'timestamptz', nullable: true })
  feedbackFirstAt: Date | null;

  /** First component digitized (uploaded, scanned or reused); null if none. */
  @Column({ type: 'timestamptz', nullable: true })
  digitizedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reusedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  electronicResultAt: Date | null;

  /** MATCH, MISMATCH or FAILED: the latest registry check of the applicant. */
  @Column({ type: 'text', nullable: true })
  applicantCheck: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  applicantCheckedAt: Date | null;

  /** The first check's time: a report judged between it and the latest looks the one then up. */
  @Column({ type: 'timestamptz', nullable: true })
  applicantFirstCheckedAt: Date | null;

  /**
   * The 8-working-hour confirmation of an online dossier (ON_TIME, LATE, PENDING or NONE), its current round's limit
   * and answer, as the latest status change reported it; onlineConfirmationAt is that change's time (latest wins).
   */
  @Column({ type: 'text', nullable: true })
  onlineConfirmationOutcome: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  onlineConfirmationDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  onlineConfirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  onlineConfirmationAt: Date | null;
}
