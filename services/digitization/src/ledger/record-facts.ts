import { createHash } from 'node:crypto';
import type { DocumentEntity } from '../documents/document.entity';
import type { DocumentTombstoneEntity } from '../documents/document-tombstone.entity';
import { canonicalJson, JsonValue } from './hash-chain';

type Facts = { [key: string]: JsonValue };

/** What the chain vouches for about a document: every column, the extracted data by its hash. */
export function documentFacts(document: DocumentEntity): Facts {
  return {
    documentId: document.id,
    dossierCode: document.dossierCode,
    componentCode: document.componentCode,
    kind: document.kind,
    origin: document.origin,
    digitizationLevel: document.digitizationLevel,
    mimeType: document.mimeType,
    sha256: document.sha256,
    size: document.size,
    pageCount: document.pageCount,
    dataSha256: document.data
      ? createHash('sha256')
          .update(canonicalJson(document.data as JsonValue))
          .digest('hex')
      : null,
    fileName: document.fileName,
    bucket: document.bucket,
    objectKey: document.objectKey,
    version: document.version,
    previousVersionId: document.previousVersionId,
    reusedFromRecordId: document.reusedFromRecordId,
    uploadedBy: document.uploadedBy,
    agencyCode: document.agencyCode,
    createdAt: document.createdAt.toISOString(),
  };
}

export function tombstoneFacts(tombstone: DocumentTombstoneEntity): Facts {
  return {
    documentId: tombstone.documentId,
    deletedBy: tombstone.deletedBy,
    reason: tombstone.reason,
    objectDeleted: tombstone.objectDeleted,
    deletedAt: tombstone.deletedAt.toISOString(),
  };
}

export function sameFacts(a: Facts, b: Facts): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
