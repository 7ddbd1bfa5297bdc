import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { DocumentTombstoneEntity } from '../documents/document-tombstone.entity';
import { DocumentEntity } from '../documents/document.entity';
import { BrokenLink, canonicalJson, firstBrokenLink, GENESIS_HASH } from './hash-chain';
import { LedgerEntryEntity, LedgerEntryType } from './ledger-entry.entity';
import { documentFacts, sameFacts, tombstoneFacts } from './record-facts';

const BATCH = 1000;

/** A row to insert in the statement that appends the chain entry. */
export interface RowInsert {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function;
  values: object;
}

/** `INSERT INTO <table> (...) VALUES (...)` for `row`, by the entity's column metadata; params appended. */
function insertSql(manager: EntityManager, row: RowInsert, params: unknown[]): string {
  const metadata = manager.connection.getMetadata(row.entity);
  const values = row.values as Record<string, unknown>;
  const columns = metadata.columns.filter((c) => values[c.propertyName] !== undefined);
  const placeholders = columns.map((column) => {
    const value = values[column.propertyName];
    params.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
    return `$${params.length}`;
  });
  return `INSERT INTO ${metadata.tableName} (${columns.map((c) => c.databaseName).join(', ')}) VALUES (${placeholders.join(', ')})`;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  /** The first link that does not hold: a chain error, or a stored row that no longer matches its entry. */
  firstBroken?: BrokenLink & { documentId?: string };
  /** Rows that were added without an entry in the chain (written behind the service's back). */
  unrecorded: string[];
}

/**
 * The hash chain over every stored record: each entry's hash covers the previous entry's hash and the record's
 * facts, so changing, removing or reordering any stored record breaks the chain from that point on. Appends are
 * serialised by the lock on the ledger_head row, taken by the single statement that appends (last in a writer's
 * transaction), so it is held only for that statement and the commit: the chain stays linear under concurrent
 * uploads.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The entry for a document, written by the same statement as `rows` (the document row itself and what goes with
   * it): one lock and one round trip for all of them, last in the caller's transaction.
   */
  async appendDocument(
    manager: EntityManager,
    document: DocumentEntity,
    rows: RowInsert[] = [],
  ): Promise<LedgerEntryEntity> {
    const entryType: LedgerEntryType = document.reusedFromRecordId
      ? 'DOCUMENT_REUSED'
      : document.previousVersionId
        ? 'DOCUMENT_VERSIONED'
        : 'DOCUMENT_STORED';
    return this.append(manager, entryType, document.id, documentFacts(document), rows);
  }

  async appendTombstone(
    manager: EntityManager,
    tombstone: DocumentTombstoneEntity,
  ): Promise<LedgerEntryEntity> {
    return this.append(manager, 'DOCUMENT_DELETED', tombstone.documentId, tombstoneFacts(tombstone));
  }

  /**
   * One statement: advance the head (its UPDATE takes the chain's lock and, in READ COMMITTED, waits for and
   * re-reads the previous appender's committed head), insert `rows` and the entry that links to the old head.
   * Postgres computes the entry's hash exactly as `entryHash` does, since only it knows the position under the
   * lock; /ledger/verify recomputes every hash in TypeScript. Run alone, the statement is its own transaction and
   * the lock is held for no client round trip; inside a caller's transaction, call it last.
   */
  private async append(
    manager: EntityManager,
    entryType: LedgerEntryType,
    documentId: string,
    payload: LedgerEntryEntity['payload'],
    rows: RowInsert[] = [],
  ): Promise<LedgerEntryEntity> {
    const params: unknown[] = [];
    const inserts = rows.map((row, i) => `w${i} AS (${insertSql(manager, row, params)})`);
    const recordedAt = new Date();
    params.push(entryType, documentId, JSON.stringify(payload), canonicalJson(payload), recordedAt);
    const [type, id, json, canonical, at] = [5, 4, 3, 2, 1].map((back) => `$${params.length - back + 1}`);
    // A missing head row yields NULLs, so the NOT NULL columns fail the whole statement instead of skipping the entry.
    const [inserted]: Array<{ seq: string; previous_hash: string; hash: string }> = await manager.query(
      `WITH head AS (
         UPDATE ledger_head
            SET seq = seq + 1,
                previous_hash = hash,
                hash = encode(sha256(convert_to(
                  (seq + 1)::text || E'\\n' || ${type}::text || E'\\n' || hash || E'\\n' || ${canonical}::text, 'UTF8')), 'hex')
          WHERE id = 1
          RETURNING seq, previous_hash, hash)${inserts.map((insert) => `,\n       ${insert}`).join('')}
       INSERT INTO ledger_entry (seq, entry_type, document_id, payload, previous_hash, hash, recorded_at)
       SELECT head.seq, ${type}::text, ${id}::uuid, ${json}::jsonb, head.previous_hash, head.hash, ${at}::timestamptz
         FROM (SELECT) AS one LEFT JOIN head ON true
       RETURNING seq, previous_hash, hash`,
      params,
    );
    return {
      seq: Number(inserted.seq),
      entryType,
      documentId,
      payload,
      previousHash: inserted.previous_hash,
      hash: inserted.hash,
      recordedAt,
    };
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    const [last]: Array<{ seq: string; hash: string }> = await this.dataSource.query(
      'SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1',
    );
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  /** Walks the whole chain in order and compares each entry with the row it vouches for. */
  async verify(): Promise<ChainVerification> {
    const repository = this.dataSource.getRepository(LedgerEntryEntity);
    let previous = { seq: 0, hash: GENESIS_HASH };
    let entries = 0;
    for (;;) {
      const batch = await repository
        .createQueryBuilder('e')
        .where('e.seq > :after', { after: previous.seq })
        .orderBy('e.seq', 'ASC')
        .limit(BATCH)
        .getMany();
      if (batch.length === 0) break;
      const broken = firstBrokenLink(batch, previous) ?? (await this.firstMismatchedRow(batch));
      entries += batch.length;
      if (broken)
        return { valid: false, entries, head: await this.head(), firstBroken: broken, unrecorded: [] };
      const last = batch[batch.length - 1];
      previous = { seq: last.seq, hash: last.hash };
    }
    const unrecorded = await this.unrecordedRows();
    return {
      valid: unrecorded.length === 0,
      entries,
      head: entries ? previous : null,
      unrecorded,
    };
  }

  private async firstMismatchedRow(
    batch: LedgerEntryEntity[],
  ): Promise<(BrokenLink & { documentId: string }) | undefined> {
    const ids = [...new Set(batch.map((e) => e.documentId))];
    const documents = new Map(
      (await this.dataSource.manager.findBy(DocumentEntity, { id: In(ids) })).map((d) => [d.id, d]),
    );
    const tombstones = new Map(
      (await this.dataSource.manager.findBy(DocumentTombstoneEntity, { documentId: In(ids) })).map((t) => [
        t.documentId,
        t,
      ]),
    );
    for (const entry of batch) {
      const at = { seq: entry.seq, documentId: entry.documentId };
      if (entry.entryType === 'DOCUMENT_DELETED') {
        const tombstone = tombstones.get(entry.documentId);
        if (!tombstone) return { ...at, reason: 'the tombstone of this entry is missing' };
        if (!sameFacts(tombstoneFacts(tombstone), entry.payload))
          return { ...at, reason: 'the tombstone differs from what the chain recorded' };
        continue;
      }
      const document = documents.get(entry.documentId);
      if (!document) return { ...at, reason: 'the document of this entry is missing' };
      if (!sameFacts(documentFacts(document), entry.payload))
        return { ...at, reason: 'the document row differs from what the chain recorded' };
    }
    return undefined;
  }

  private async unrecordedRows(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT d.id FROM document d
        WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.document_id = d.id AND l.entry_type <> 'DOCUMENT_DELETED')
       UNION ALL
       SELECT t.document_id FROM document_tombstone t
        WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.document_id = t.document_id AND l.entry_type = 'DOCUMENT_DELETED')
       LIMIT 100`,
    );
    return rows.map((r) => r.id);
  }
}
