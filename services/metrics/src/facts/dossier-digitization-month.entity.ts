import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How many dossiers (and documents) count toward each digitization and indicator measure, per agency, procedure,
 * the month the dossier was received and the month the measure became true (Vietnam time): a month-aligned report
 * sums it instead of scanning the dossiers, and still leaves out what happened after the period it judges.
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

  @Column({ type: 'text' })
  agencyPath: string;

  @Column({ type: 'integer', default: 0 })
  received: number;

  @Column({ type: 'integer', default: 0 })
  online: number;

  @Column({ type: 'integer', default: 0 })
  withDigitized: number;

  @Column({ type: 'integer', default: 0 })
  resolved: number;

  @Column({ type: 'integer', default: 0 })
  withEResult: number;

  @Column({ type: 'integer', default: 0 })
  digitizedWithEResult: number;

  @Column({ type: 'integer', default: 0 })
  withReused: number;

  @Column({ type: 'integer', default: 0 })
  feeBearing: number;

  @Column({ type: 'integer', default: 0 })
  paidOnline: number;

  @Column({ type: 'integer', default: 0 })
  complaints: number;

  @Column({ type: 'integer', default: 0 })
  applicantsMatched: number;

  @Column({ type: 'integer', default: 0 })
  applicantsMismatched: number;

  @Column({ type: 'integer', default: 0 })
  applicantChecksFailed: number;

  @Column({ type: 'integer', default: 0 })
  scanned: number;

  @Column({ type: 'integer', default: 0 })
  scanOnly: number;

  @Column({ type: 'integer', default: 0 })
  verified: number;

  @Column({ type: 'integer', default: 0 })
  valid: number;
}
