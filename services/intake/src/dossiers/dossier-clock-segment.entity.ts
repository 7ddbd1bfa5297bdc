import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One stretch during which the SLA clock ran; a supplement request closes it, its completion opens the next. */
@Entity({ name: 'dossier_clock_segment' })
export class DossierClockSegmentEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'dossier_clock_segment_pkey' })
  dossierCode: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'dossier_clock_segment_pkey' })
  seq: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
