import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Dossiers received (by the month they were received) and finished (by the month they finished) per agency and
 * procedure, Vietnam time. Each count is added once, when its event is applied, and never revised: a month-aligned
 * report reads its flows here instead of scanning every dossier.
 */
@Entity({ name: 'dossier_flow_month' })
@Index('dossier_flow_month_scope_idx', { synchronize: false })
export class DossierFlowMonthEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_flow_month_pkey' })
  agencyCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_flow_month_pkey' })
  procedureCode: string;

  /** First day of the month. */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'dossier_flow_month_pkey' })
  month: string;

  @Column({ type: 'text' })
  agencyPath: string;

  @Column({ type: 'integer', default: 0 })
  receivedOnline: number;

  /** Received at the desk or by post. */
  @Column({ type: 'integer', default: 0 })
  receivedOther: number;

  @Column({ type: 'integer', default: 0 })
  resolvedEarly: number;

  @Column({ type: 'integer', default: 0 })
  resolvedOnTime: number;

  @Column({ type: 'integer', default: 0 })
  resolvedLate: number;

  @Column({ type: 'integer', default: 0 })
  refused: number;

  @Column({ type: 'integer', default: 0 })
  withdrawn: number;

  @Column({ type: 'integer', default: 0 })
  stopped: number;

  /** Working minutes on the clock of the dossiers resolved in the month. */
  @Column({ type: 'numeric', default: 0 })
  resolvedMinutes: string;

  /**
   * Dossiers that became overdue in the month, and that stopped being overdue (finished, or a change of state): the
   * dossiers overdue at the end of a past month are the sum of the difference up to it.
   */
  @Column({ type: 'integer', default: 0 })
  overdueIn: number;

  @Column({ type: 'integer', default: 0 })
  overdueOut: number;
}
