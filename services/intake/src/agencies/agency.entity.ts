import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';

/** The usual office hours, as Postgres prints the column default (jsonb output puts a space after commas). */
export const DEFAULT_OFFICE_HOURS_SQL = `'[["07:30", "11:30"], ["13:00", "17:00"]]'`;

/**
 * One node of the agency tree (QCVN 102:2016 codes). Codes are permanent: a dossier code embeds its agency's,
 * so an agency is never renamed to another code nor deleted.
 */
@Entity({ name: 'agency' })
@Index('agency_parent_code_idx', ['parentCode'])
@Check('agency_code_format_check', `code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'`)
@Check('agency_level_check', `level BETWEEN 1 AND 4`)
@Check('agency_parent_not_self_check', `parent_code IS NULL OR parent_code <> code`)
export class AgencyEntity {
  /** `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.12.H49`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'agency_pkey' })
  code: string;

  /** Official Vietnamese name. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  parentCode: string | null;

  @ManyToOne(() => AgencyEntity, { nullable: true })
  @JoinColumn({
    name: 'parent_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'agency_parent_code_fkey',
  })
  parent?: AgencyEntity | null;

  /** 1 (province or ministry) to 4, from the code (`agencyLevel`); stored so lists can sort and filter by it. */
  @Column({ type: 'smallint' })
  level: number;

  /** Daily office hours in Vietnam time, `[['07:30', '11:30'], ['13:00', '17:00']]`: the working-hour clock. */
  // TypeORM compares defaults with casts stripped, so the entity states the bare literal.
  @Column({ type: 'jsonb', default: () => DEFAULT_OFFICE_HOURS_SQL })
  officeHours: [string, string][];

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
