import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { CloudEvent, DocumentDigitizedV1, EventTypes } from '@motcua/contracts';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { KnownDocumentEntity } from './known-document.entity';
import { SignatureJobEntity } from './signature-job.entity';

export const PDF_MIME_TYPE = 'application/pdf';

/**
 * Runs inside the inbox transaction of document.digitized: remembers where the document is and, for a
 * PDF, queues one verification of (documentId, sha256). No S3 read happens here, so a slow or hostile
 * file never holds up the Kafka partition.
 */
@Injectable()
export class DocumentIntake {
  private readonly logger: Logger;

  constructor(@Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions) {
    this.logger = messaging.logger.child({ component: 'document-intake' });
  }

  async apply(event: CloudEvent, manager: EntityManager): Promise<void> {
    if (event.type !== EventTypes.DocumentDigitizedV1) return;
    const data = event.data as DocumentDigitizedV1;
    await manager
      .createQueryBuilder()
      .insert()
      .into(KnownDocumentEntity)
      .values({
        documentId: data.documentId,
        dossierCode: data.dossierCode,
        componentCode: data.componentCode,
        mimeType: data.mimeType,
        sha256: data.sha256,
        size: String(data.size),
        bucket: data.object?.bucket ?? null,
        objectKey: data.object?.key ?? null,
      })
      .orUpdate(
        ['dossier_code', 'component_code', 'mime_type', 'sha256', 'size', 'bucket', 'object_key'],
        ['document_id'],
      )
      .execute();
    if (!data.object) {
      this.logger.warn(
        { eventId: event.id, documentId: data.documentId },
        'document.digitized without an object location: not verified',
      );
      return;
    }
    if (data.mimeType.toLowerCase() !== PDF_MIME_TYPE) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(SignatureJobEntity)
      .values({ documentId: data.documentId, sha256: data.sha256 })
      .orIgnore()
      .execute();
  }
}
