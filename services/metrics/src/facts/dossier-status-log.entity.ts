import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The dossier's state after each status change: a closed period is judged as things stood at its end. */
@Entity({ name: 'dossier_status_log' })
// (code, at) INCLUDE the state, defined in the migration.
@Index('dossier_status_log_code_at_idx', { synchronize: false })
export class DossierStatusLogEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_status_log_pkey' })
  code: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_status_log_pkey' })
  eventId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'boolean' })
  lateByRule: boolean;

  @Column({ type: 'boolean' })
  apologized: boolean;

  @Column({ type: 'integer' })
  supplementRequests: number;

  /** The online confirmation as of this change (null when the event carried none: desk, postal, older events). */
  @Column({ type: 'text', nullable: true })
  confirmationOutcome: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmationDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;
}
