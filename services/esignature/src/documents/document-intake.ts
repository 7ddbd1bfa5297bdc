import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { CloudEvent, DocumentDigitizedV1, DocumentReusedV1 } from '@motcua/contracts';
import { appendToOutbox, MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { lockedTrustGeneration } from '../trust-store/trust-store.service';
import { VerificationEntity } from '../verifications/verification.entity';
import { VerificationStore } from '../verifications/verification-store';
import { agencyOfDossier } from './document-verification.service';
import { KnownDocumentEntity } from './known-document.entity';
import { signatureVerifiedEvent } from './signature-events';
import { SignatureJobEntity } from './signature-job.entity';

export const PDF_MIME_TYPE = 'application/pdf';
export const REUSE_REQUESTER = 'system:document-reused';

type KnownDocumentRow = Omit<KnownDocumentEntity, 'learnedAt'>;

/**
 * Runs inside the inbox transaction of document.digitized and document.reused: remembers where the document is
 * and, for a PDF, queues one verification of (documentId, sha256), or for a reuse repeats the report the same
 * bytes already have under the current trust-store generation. No S3 read happens here, so a slow or hostile
 * file never holds up the Kafka partition.
 */
@Injectable()
export class DocumentIntake {
  private readonly logger: Logger;

  constructor(
    private readonly store: VerificationStore,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'document-intake' });
  }

  async digitized(event: CloudEvent<DocumentDigitizedV1>, manager: EntityManager): Promise<void> {
    const data = event.data;
    const document = await this.remember(manager, {
      documentId: data.documentId,
      dossierCode: data.dossierCode,
      componentCode: data.componentCode,
      mimeType: data.mimeType,
      sha256: data.sha256,
      size: String(data.size),
      bucket: data.object?.bucket ?? null,
      objectKey: data.object?.key ?? null,
      sourceDocumentId: null,
    });
    if (!document.bucket) {
      this.logger.warn(
        { eventId: event.id, documentId: data.documentId },
        'document.digitized without an object location: not verified',
      );
      return;
    }
    if (data.mimeType.toLowerCase() !== PDF_MIME_TYPE) return;
    await this.queue(manager, document, 0);
  }

  /**
   * A component filled from an e-record: the same bytes as the source document. The location, type and digest
   * come from the event, else from the source document when it was seen here.
   */
  async reused(event: CloudEvent<DocumentReusedV1>, manager: EntityManager): Promise<void> {
    const data = event.data;
    const generation = await lockedTrustGeneration(manager);
    const source = data.sourceDocumentId
      ? await manager.getRepository(KnownDocumentEntity).findOneBy({ documentId: data.sourceDocumentId })
      : null;
    const sha256 = data.sha256 ?? source?.sha256;
    const mimeType = data.mimeType ?? source?.mimeType;
    if (!sha256 || !mimeType) {
      this.logger.warn(
        { eventId: event.id, documentId: data.documentId, sourceDocumentId: data.sourceDocumentId ?? null },
        'document.reused without a digest or type (and an unknown source): not verified',
      );
      return;
    }
    const sameBytes = !source || source.sha256 === sha256;
    const document = await this.remember(manager, {
      documentId: data.documentId,
      dossierCode: data.dossierCode,
      componentCode: data.componentCode,
      mimeType,
      sha256,
      size: sameBytes ? (source?.size ?? null) : null,
      bucket: data.object?.bucket ?? (sameBytes ? source?.bucket : null) ?? null,
      objectKey: data.object?.key ?? (sameBytes ? source?.objectKey : null) ?? null,
      sourceDocumentId: data.sourceDocumentId ?? null,
    });
    if (mimeType.toLowerCase() !== PDF_MIME_TYPE) return;
    const report = await this.reportOfSameBytes(manager, sha256, data.sourceDocumentId, generation);
    if (report) {
      const saved = await this.store.save(manager, {
        documentId: document.documentId,
        agencyCode: agencyOfDossier(document.dossierCode),
        sha256,
        report: report.report,
        trustGeneration: generation,
        requestedBy: REUSE_REQUESTER,
        reusedFrom: report.id,
        certificateIssuers: report.certificateIssuers,
      });
      if (saved.created)
        await appendToOutbox(manager, [signatureVerifiedEvent(document, saved.verification)]);
      return;
    }
    if (!document.bucket) {
      this.logger.warn(
        { eventId: event.id, documentId: data.documentId },
        'document.reused without a known location or report: not verified',
      );
      return;
    }
    await this.queue(manager, document, generation);
  }

  /**
   * A report of these bytes under this generation: the source document's first, else any document's or
   * upload's. A report that never read the bytes (the object was unavailable) does not count.
   */
  private async reportOfSameBytes(
    manager: EntityManager,
    sha256: string,
    sourceDocumentId: string | undefined,
    generation: number,
  ): Promise<VerificationEntity | null> {
    const rows = (await manager.query(
      `SELECT id FROM verification
        WHERE sha256 = $1 AND trust_generation = $2 AND kind = 'PDF'
          AND coalesce(report ->> 'failure', '') <> 'DOCUMENT_UNAVAILABLE'
        ORDER BY (document_id IS NOT DISTINCT FROM $3) DESC, verified_at DESC
        LIMIT 1`,
      [sha256, generation, sourceDocumentId ?? null],
    )) as { id: string }[];
    return rows.length ? manager.getRepository(VerificationEntity).findOneBy({ id: rows[0].id }) : null;
  }

  private async remember(manager: EntityManager, row: KnownDocumentRow): Promise<KnownDocumentRow> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(KnownDocumentEntity)
      .values(row)
      .orUpdate(
        [
          'dossier_code',
          'component_code',
          'mime_type',
          'sha256',
          'size',
          'bucket',
          'object_key',
          'source_document_id',
        ],
        ['document_id'],
      )
      .execute();
    return row;
  }

  private async queue(
    manager: EntityManager,
    document: KnownDocumentRow,
    minGeneration: number,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SignatureJobEntity)
      .values({
        documentId: document.documentId,
        sha256: document.sha256,
        minTrustGeneration: String(minGeneration),
      })
      .orIgnore()
      .execute();
  }
}
