import { createCloudEvent, DocumentDigitizedV1, DocumentReusedV1, EventTypes } from '@motcua/contracts';
import type { DocumentEntity } from './document.entity';

export const EVENT_SOURCE = '/motcua/digitization';

/**
 * Says where the object is, so esignature reads the PDF from S3 without calling digitization, and which version it
 * is, so consumers keep the current document of a component (a correction names the version it replaces).
 */
/** The 12-digit ID numbers anywhere in a document's validated data (the persons its form names). */
export function namedIdNumbers(data: unknown, found = new Set<string>()): string[] {
  if (typeof data === 'string' && /^[0-9]{12}$/.test(data)) found.add(data);
  else if (data && typeof data === 'object')
    for (const value of Object.values(data)) namedIdNumbers(value, found);
  return [...found].slice(0, 50);
}

export function digitizedEvent(document: DocumentEntity) {
  const named = namedIdNumbers(document.data);
  const data: DocumentDigitizedV1 = {
    documentId: document.id,
    dossierCode: document.dossierCode,
    componentCode: document.componentCode,
    kind: document.kind,
    origin: document.origin,
    digitizationLevel: document.digitizationLevel,
    mimeType: document.mimeType,
    sha256: document.sha256,
    size: document.size,
    storedAt: document.createdAt.toISOString(),
    object: { bucket: document.bucket, key: document.objectKey },
    version: document.version,
    ...(document.previousVersionId ? { previousDocumentId: document.previousVersionId } : {}),
    ...(named.length > 0 ? { namedIdNumbers: named } : {}),
  };
  return createCloudEvent({
    type: EventTypes.DocumentDigitizedV1,
    source: EVENT_SOURCE,
    subject: document.dossierCode,
    data,
    time: document.createdAt,
  });
}

/**
 * A reuse shares the bytes of a stored document (`sourceDocumentId`): the event carries that document's id, hash
 * and object, so esignature applies the source's report (or verifies the object) without calling digitization.
 */
export function reusedEvent(document: DocumentEntity, recordId: string, sourceDocumentId: string) {
  const data: DocumentReusedV1 = {
    documentId: document.id,
    recordId,
    dossierCode: document.dossierCode,
    componentCode: document.componentCode,
    digitizationLevel: document.digitizationLevel,
    reusedAt: document.createdAt.toISOString(),
    sourceDocumentId,
    kind: document.kind,
    mimeType: document.mimeType,
    sha256: document.sha256,
    object: { bucket: document.bucket, key: document.objectKey },
  };
  return createCloudEvent({
    type: EventTypes.DocumentReusedV1,
    source: EVENT_SOURCE,
    subject: document.dossierCode,
    data,
    time: document.createdAt,
  });
}
