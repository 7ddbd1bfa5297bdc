import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JsonValue } from './hash-chain';

export type LedgerEntryType =
  'DOCUMENT_STORED' | 'DOCUMENT_VERSIONED' | 'DOCUMENT_REUSED' | 'DOCUMENT_DELETED';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One link of the hash chain over every stored document, version, reuse and deletion (append-only). */
@Entity({ name: 'ledger_entry' })
@Index('ledger_entry_document_idx', ['documentId'])
export class LedgerEntryEntity {
  /** Gap-free: the next entry is always the last plus one, so a removed entry shows. */
  @PrimaryColumn({
    type: 'bigint',
    primaryKeyConstraintName: 'ledger_entry_pkey',
    transformer: bigintAsNumber,
  })
  seq: number;

  @Column({ type: 'text' })
  entryType: LedgerEntryType;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'jsonb' })
  payload: { [key: string]: JsonValue };

  @Column({ type: 'text' })
  previousHash: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
