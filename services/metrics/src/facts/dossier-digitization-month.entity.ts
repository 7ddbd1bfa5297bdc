import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Dossiers (and documents) counting toward each digitization and indicator measure, per agency, procedure, the month
 * the dossier was received and the month the measure became true (Vietnam time): a month-aligned report sums it
 * instead of scanning the dossiers, and still leaves out what happened after the period it judges.
 */
@Entity({ name: 'dossier_digitization_month' })
@Index('dossier_digitization_month_scope_idx', { synchronize: false })
export class DossierDigitizationMonthEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_digitization_month_pkey' })
  agencyCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_digitization_month_pkey' })
  procedureCode: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'dossier_digitization_month_pkey' })
  receivedMonth: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'dossier_digitization_month_pkey' })
  factMonth: string;

  /** received, online, with_digitized, resolved, with_e_result, …, scanned, scan_only, verified, valid. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_digitization_month_pkey' })
  measure: string;

  @Column({ type: 'text' })
  agencyPath: string;

  @Column({ type: 'integer' })
  count: number;
}
