import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/**
 * The chain's last entry (one row, id 1): what the next append links to, and the lock that orders appends (an
 * append's UPDATE takes it; READ COMMITTED re-reads the previous appender's committed head).
 */
@Entity({ name: 'ledger_head' })
export class LedgerHeadEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'ledger_head_pkey' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  @Column({ type: 'text' })
  hash: string;

  /** The hash the head entry links to (the genesis hash while the chain is empty). */
  @Column({ type: 'text' })
  previousHash: string;
}
