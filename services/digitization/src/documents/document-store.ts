import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { CloudEvent, topicOf } from '@motcua/contracts';
import { localized, ProblemException } from '@motcua/http';
import { OutboxMessageEntity } from '@motcua/messaging';
import type { KnownDossierEntity } from '../dossiers/known-dossier.entity';
import { LedgerService, RowInsert } from '../ledger/ledger.service';
import { CitizenRecordEntity } from '../records/citizen-record.entity';
import { withoutParameters } from '../storage/query-errors';
import { digitizedEvent } from './document-events';
import { DocumentEntity } from './document.entity';

/**
 * Records a document whose bytes are already in S3: the document row, its e-record entry (when it belongs in the
 * applicant's store), the digitized event and the chain entry in ONE statement, last in the caller's transaction
 * (its own when `manager` is the data source's): all or nothing, one round trip, and the chain's lock is held for
 * no client round trip. Uploads and the forms intake issues both come through here.
 */
@Injectable()
export class DocumentStore {
  constructor(private readonly ledger: LedgerService) {}

  async commit(
    manager: EntityManager,
    dossier: KnownDossierEntity,
    values: DocumentEntity,
    inRecordStore: boolean,
  ): Promise<{ document: DocumentEntity; recordId: string | null }> {
    const document = manager.create(DocumentEntity, values);
    const rows: RowInsert[] = [{ entity: DocumentEntity, values: document }];
    let recordId: string | null = null;
    if (inRecordStore && dossier.applicantIdNumber) {
      recordId = randomUUID();
      const record: CitizenRecordEntity = {
        id: recordId,
        holderIdNumber: dossier.applicantIdNumber,
        documentId: document.id,
        kind: document.kind,
        procedureCode: dossier.procedureCode,
        componentCode: document.componentCode,
        digitizationLevel: document.digitizationLevel,
        issuingAgency: dossier.agencyCode,
        issuedAt: document.createdAt,
      };
      rows.push({ entity: CitizenRecordEntity, values: record });
    }
    rows.push(outboxRow(digitizedEvent(document)));
    try {
      await this.ledger.appendDocument(manager, document, rows);
      return { document, recordId };
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error as { code?: string }).code === '23505' &&
        values.previousVersionId
      )
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'not-latest-version',
          localized(
            `Document ${values.previousVersionId} was corrected by another request meanwhile; correct the latest version.`,
            `Tài liệu ${values.previousVersionId} vừa được một yêu cầu khác chỉnh sửa; hãy chỉnh sửa phiên bản mới nhất.`,
          ),
        );
      throw withoutParameters(error);
    }
  }
}

/** The event as an outbox row (what appendToOutbox writes), to go in the same statement as the document. */
function outboxRow(event: CloudEvent): RowInsert {
  return {
    entity: OutboxMessageEntity,
    values: { eventId: event.id, topic: topicOf(event.type), messageKey: event.subject, payload: event },
  };
}
