import type { DocumentTombstoneEntity } from './document-tombstone.entity';
import type { DocumentEntity } from './document.entity';
import type { IntegrityCheckEntity } from './integrity-check.entity';
import type { DocumentResponse } from './document.response';

export interface DocumentStatus {
  supersededBy?: string | null;
  recordId?: string | null;
  tombstone?: DocumentTombstoneEntity | null;
  lastIntegrityCheck?: IntegrityCheckEntity | null;
}

export function toDocumentView(document: DocumentEntity, status: DocumentStatus = {}): DocumentResponse {
  return {
    id: document.id,
    dossierCode: document.dossierCode,
    componentCode: document.componentCode,
    kind: document.kind,
    origin: document.origin,
    digitizationLevel: document.digitizationLevel,
    mimeType: document.mimeType,
    sha256: document.sha256,
    size: document.size,
    pageCount: document.pageCount,
    fileName: document.fileName,
    data: document.data,
    version: document.version,
    previousVersionId: document.previousVersionId,
    supersededBy: status.supersededBy ?? null,
    reusedFromRecordId: document.reusedFromRecordId,
    recordId: status.recordId ?? null,
    uploadedBy: document.uploadedBy,
    agencyCode: document.agencyCode,
    storedAt: document.createdAt.toISOString(),
    deleted: status.tombstone
      ? {
          by: status.tombstone.deletedBy,
          reason: status.tombstone.reason,
          at: status.tombstone.deletedAt.toISOString(),
        }
      : null,
    lastIntegrityCheck: status.lastIntegrityCheck
      ? {
          outcome: status.lastIntegrityCheck.outcome,
          at: status.lastIntegrityCheck.checkedAt.toISOString(),
        }
      : null,
  };
}
export type DocumentView = DocumentResponse;
