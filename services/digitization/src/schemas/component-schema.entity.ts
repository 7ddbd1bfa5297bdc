import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The JSON Schema that the extracted data fields of one procedure's component must satisfy to be STRUCTURED. */
@Entity({ name: 'component_schema' })
export class ComponentSchemaEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'component_schema_pkey' })
  procedureCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'component_schema_pkey' })
  componentCode: string;

  @Column({ type: 'jsonb' })
  schema: Record<string, unknown>;

  @Column({ type: 'text' })
  updatedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
