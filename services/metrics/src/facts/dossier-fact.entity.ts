import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per dossier: the facts the SLA reports need, kept current from dossier events. */
@Entity({ name: 'dossier_fact' })
@Index('dossier_fact_agency_received_idx', ['agencyCode', 'receivedAt'])
@Index('dossier_fact_finished_idx', ['finishedAt'])
export class DossierFactEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_fact_pkey' })
  code: string;

  @Column({ type: 'text' })
  agencyCode: string;

  @Column({ type: 'text' })
  procedureCode: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** When the dossier left processing (resolved, refused, withdrawn or stopped). */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The status it finished in. */
  @Column({ type: 'text', nullable: true })
  finishedAs: string | null;

  /** Late for reasons beyond the clock: an apology, or more than one supplement request. */
  @Column({ type: 'boolean', default: false })
  lateByRule: boolean;

  @Column({ type: 'integer', default: 0 })
  supplementRequests: number;

  @Column({ type: 'numeric', default: 0 })
  elapsedWorkingMinutes: string;

  @Column({ type: 'timestamptz' })
  lastEventAt: Date;
}
