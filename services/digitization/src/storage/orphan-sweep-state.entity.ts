import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the orphan reaper has swept: days before `sweptThrough` hold no orphan any more. */
@Entity({ name: 'orphan_sweep_state' })
export class OrphanSweepStateEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'orphan_sweep_state_pkey' })
  id: number;

  @Column({ type: 'date' })
  sweptThrough: string;
}
