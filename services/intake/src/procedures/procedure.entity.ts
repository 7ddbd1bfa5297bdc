import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProcedureAgencyLevel, ResultKind } from './procedure-catalogue';

/**
 * A national administrative procedure (thủ tục hành chính). What does not change with the law lives here;
 * everything a decree or circular can change (limit, fee, components, legal basis) is a `procedure_version`.
 */
@Entity({ name: 'procedure' })
@Index('procedure_field_idx', ['field'])
@Check('procedure_agency_level_check', `agency_level IN ('MINISTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE')`)
@Check(
  'procedure_result_kind_check',
  `result_kind IN ('CERTIFICATE', 'LICENCE', 'EXTRACT', 'CERTIFIED_COPY', 'REGISTRATION', 'DECISION')`,
)
export class ProcedureEntity {
  /** National catalogue code, e.g. `1.001193`, or a localised one such as `2.001218.000.00.00.H38`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'procedure_pkey' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Lĩnh vực, e.g. "Hộ tịch": the report groups by it. */
  @Column({ type: 'text' })
  field: string;

  @Column({ type: 'text' })
  agencyLevel: ProcedureAgencyLevel;

  @Column({ type: 'text' })
  resultKind: ResultKind;

  /** The result document's name, e.g. "Giấy khai sinh". */
  @Column({ type: 'text' })
  resultName: string;

  /** False while the code has not been checked against the national database (csdl.dichvucong.gov.vn). */
  @Column({ type: 'boolean' })
  codeConfirmed: boolean;

  /** Where the entry comes from and what remains to confirm. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
