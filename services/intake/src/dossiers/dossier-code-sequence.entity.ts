import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last sequence number issued per agency per (Vietnam-time) day; a row lock serialises concurrent intake. */
@Entity({ name: 'dossier_code_sequence' })
export class DossierCodeSequenceEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_code_sequence_pkey' })
  agencyCode: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'dossier_code_sequence_pkey' })
  day: string;

  @Column({ type: 'integer' })
  lastValue: number;
}
