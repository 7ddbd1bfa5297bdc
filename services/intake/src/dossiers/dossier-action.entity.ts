import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The control sheet (form 06): every hand-off of a dossier with actor, time and on-time state.
 * Append-only: the service's database role cannot UPDATE or DELETE these rows.
 */
@Entity({ name: 'dossier_action' })
@Index('dossier_action_dossier_seq_key', ['dossierCode', 'seq'], { unique: true })
export class DossierActionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'dossier_action_pkey' })
  id: string;

  @Column({ type: 'text' })
  dossierCode: string;

  /** Position on the dossier's sheet: 1 is its intake. */
  @Column({ type: 'integer' })
  seq: number;

  /** A workflow action, or RECEIVE / IMPORT for the intake itself. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ type: 'text' })
  toStatus: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  actorAgency: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The deadline in force after the action. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text', nullable: true })
  onTimeState: 'EARLY' | 'ON_TIME' | 'LATE' | null;

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
