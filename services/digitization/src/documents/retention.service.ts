import type { RetentionDeletionResponse } from './document.response';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { LedgerService } from '../ledger/ledger.service';
import { isMissingObject, storageUnavailable } from '../storage/storage-errors';
import { documentDeleted, DocumentLookup } from './document-lookup';
import { DocumentTombstoneEntity } from './document-tombstone.entity';
import { DocumentEntity } from './document.entity';

/**
 * The only way a stored document goes away: a retention decision (Law on Archives) by an administrator, with the
 * reason recorded. The object is removed (unless a reuse in another dossier still points at it), the row stays,
 * a tombstone and a hash-chain entry say who, why and when.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: DocumentLookup,
    private readonly ledger: LedgerService,
    @Inject(OBJECT_STORAGE) private readonly client: Client,
  ) {}

  async delete(id: string, reason: string, principal: Principal): Promise<RetentionDeletionResponse> {
    const tombstone = await this.dataSource.transaction(async (manager) => {
      const document = await this.lookup.visible(id, principal, manager);
      // Serialises deletions of documents sharing the object, so the last one standing removes it.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [document.objectKey]);
      const existing = await this.lookup.tombstoneOf(id, manager);
      if (existing) throw documentDeleted(id, existing);
      const [{ others }]: Array<{ others: number }> = await manager.query(
        `SELECT count(*)::int AS others FROM document d
          WHERE d.object_key = $1 AND d.id <> $2
            AND NOT EXISTS (SELECT 1 FROM document_tombstone t WHERE t.document_id = d.id)`,
        [document.objectKey, document.id],
      );
      const row: DocumentTombstoneEntity = {
        documentId: document.id,
        deletedBy: principal.sub,
        reason,
        objectDeleted: others === 0,
        deletedAt: new Date(),
      };
      await manager.insert(DocumentTombstoneEntity, row);
      // Before the chain entry (whose lock is held to the commit), inside the transaction: if S3 refuses, nothing is
      // recorded; if the commit then fails, a retry finds the object already gone and completes the record.
      if (row.objectDeleted) await this.removeObject(document);
      await this.ledger.appendTombstone(manager, row);
      return row;
    });
    return {
      documentId: tombstone.documentId,
      deletedBy: tombstone.deletedBy,
      reason: tombstone.reason,
      objectDeleted: tombstone.objectDeleted,
      deletedAt: tombstone.deletedAt.toISOString(),
    };
  }

  private async removeObject(document: DocumentEntity): Promise<void> {
    try {
      await this.client.removeObject(document.bucket, document.objectKey);
    } catch (error) {
      if (isMissingObject(error)) return;
      throw storageUnavailable(error);
    }
  }
}
