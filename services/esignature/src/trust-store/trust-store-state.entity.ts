import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The trust store's generation (one row, id 1): bumped in the transaction of every anchor or CRL change, so a
 * report made under an older generation is known to be stale.
 */
@Entity({ name: 'trust_store_state' })
export class TrustStoreStateEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'trust_store_state_pkey' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  generation: string;
}
