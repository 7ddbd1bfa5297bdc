import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { LimitUnit, ProcedureAgencyLevel, ProcedureComponent } from './procedure-catalogue';
import { ProcedureEntity } from './procedure.entity';

/** Postgres returns numeric as a string; limits are small decimals, exact in a double. */
const numeric = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A procedure's rules from one effective date (DOMAIN.md §2): a dossier is judged by the version in force on
 * the Vietnam date it was received. Versions are added, never edited, when a decree or circular changes them.
 */
@Entity({ name: 'procedure_version' })
@Check('procedure_version_period_check', `effective_to IS NULL OR effective_to >= effective_from`)
@Check('procedure_version_limit_check', `processing_limit > 0`)
@Check('procedure_version_limit_unit_check', `limit_unit IN ('WORKING_DAYS', 'WORKING_HOURS')`)
@Check('procedure_version_fee_check', `fee_vnd >= 0`)
@Check('procedure_version_components_check', `jsonb_typeof(components) = 'array'`)
@Check(
  'procedure_version_agency_level_check',
  `agency_level IS NULL OR agency_level IN ('MINISTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE')`,
)
export class ProcedureVersionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'procedure_version_pkey' })
  procedureCode: string;

  @ManyToOne(() => ProcedureEntity)
  @JoinColumn({
    name: 'procedure_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'procedure_version_procedure_code_fkey',
  })
  procedure?: ProcedureEntity;

  /** First day in force ('YYYY-MM-DD', Vietnam date). */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'procedure_version_pkey' })
  effectiveFrom: string;

  /** Last day in force (inclusive), or null while in force. */
  @Column({ type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'numeric', transformer: numeric })
  processingLimit: number;

  @Column({ type: 'text' })
  limitUnit: LimitUnit;

  /** How the law words the limit when the number alone does not say it (e.g. "ngay trong ngày"). */
  @Column({ type: 'text', nullable: true })
  limitNote: string | null;

  /** Fee in VND; 0 = free. */
  @Column({ type: 'integer' })
  feeVnd: number;

  /** Fee rules beyond the single amount (per page, online reduction, exemptions). */
  @Column({ type: 'text', nullable: true })
  feeNote: string | null;

  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => `'[]'` })
  components: ProcedureComponent[];

  @Column({ type: 'text' })
  legalBasis: string;

  /** The level that decides the procedure from this version on, when a decree moves it; null = the procedure's. */
  @Column({ type: 'text', nullable: true })
  agencyLevel: ProcedureAgencyLevel | null;

  /** Who added the version through the API (the token's subject); null for the built-in seed. */
  @Column({ type: 'text', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
