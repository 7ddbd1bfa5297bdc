import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { CitizenRecordEntity } from '../records/citizen-record.entity';
import { DocumentTombstoneEntity } from './document-tombstone.entity';
import { DocumentEntity } from './document.entity';
import { IntegrityCheckEntity } from './integrity-check.entity';
import { DocumentStatus, DocumentView, toDocumentView } from './document.view';

export function documentNotFound(id: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'document-not-found',
    localized(
      `No document ${id} in your agency's scope.`,
      `Không có tài liệu ${id} trong phạm vi cơ quan của bạn.`,
    ),
  );
}

export function documentDeleted(id: string, tombstone: DocumentTombstoneEntity): ProblemException {
  return new ProblemException(
    HttpStatus.GONE,
    'document-deleted',
    localized(
      `Document ${id} was deleted by the retention process on ${tombstone.deletedAt.toISOString()}.`,
      `Tài liệu ${id} đã bị xoá theo quy trình lưu trữ vào ${tombstone.deletedAt.toISOString()}.`,
    ),
    [],
    { deletedBy: tombstone.deletedBy, reason: tombstone.reason },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads documents with what the append-only design keeps beside them: versions, tombstones, checks. */
@Injectable()
export class DocumentLookup {
  constructor(private readonly dataSource: DataSource) {}

  /** The document if the caller's agency covers its dossier; otherwise 404 (no probing for ids). */
  async visible(id: string, principal: Principal, manager: EntityManager = this.dataSource.manager) {
    if (!UUID.test(id)) throw documentNotFound(id);
    const document = await manager.findOneBy(DocumentEntity, { id });
    if (!document || !agencyCovers(principal.agency, document.agencyCode)) throw documentNotFound(id);
    return document;
  }

  tombstoneOf(id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(DocumentTombstoneEntity, { documentId: id });
  }

  /** A live document (not deleted), else 410. */
  async live(id: string, principal: Principal, manager?: EntityManager) {
    const document = await this.visible(id, principal, manager);
    const tombstone = await this.tombstoneOf(id, manager);
    if (tombstone) throw documentDeleted(id, tombstone);
    return document;
  }

  async statusOf(document: DocumentEntity): Promise<DocumentStatus> {
    const manager = this.dataSource.manager;
    const [next, record, tombstone, lastIntegrityCheck] = await Promise.all([
      manager.findOne(DocumentEntity, { where: { previousVersionId: document.id }, select: { id: true } }),
      manager.findOne(CitizenRecordEntity, { where: { documentId: document.id }, select: { id: true } }),
      manager.findOneBy(DocumentTombstoneEntity, { documentId: document.id }),
      manager.findOne(IntegrityCheckEntity, {
        where: { documentId: document.id },
        order: { checkedAt: 'DESC' },
      }),
    ]);
    return { supersededBy: next?.id ?? null, recordId: record?.id ?? null, tombstone, lastIntegrityCheck };
  }

  async view(id: string, principal: Principal): Promise<DocumentView> {
    const document = await this.visible(id, principal);
    return toDocumentView(document, await this.statusOf(document));
  }

  /** Every document of a dossier, versions included (`supersededBy` tells which are current). */
  async listForDossier(dossierCode: string): Promise<DocumentView[]> {
    const documents = await this.dataSource.manager.find(DocumentEntity, {
      where: { dossierCode },
      order: { createdAt: 'ASC' },
    });
    return Promise.all(documents.map(async (d) => toDocumentView(d, await this.statusOf(d))));
  }
}
