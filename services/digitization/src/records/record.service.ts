import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, isCitizenOnly, Principal } from '@motcua/auth';
import { localized, type LocalizedText, ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { reusedEvent } from '../documents/document-events';
import { DocumentLookup } from '../documents/document-lookup';
import { DocumentEntity, DocumentKind } from '../documents/document.entity';
import { toDocumentView } from '../documents/document.view';
import { DossierDirectory } from '../dossiers/dossier-directory';
import { assertDossierAccepts } from '../dossiers/dossier-status-rules';
import { KnownDossierEntity } from '../dossiers/known-dossier.entity';
import { LedgerService } from '../ledger/ledger.service';
import { withoutParameters } from '../storage/query-errors';
import { CitizenRecordEntity } from './citizen-record.entity';
import { RecordAccessLog } from './record-access-log';

export interface CitizenRecordView {
  id: string;
  kind: DocumentKind;
  documentId: string;
  procedureCode: string;
  componentCode: string;
  digitizationLevel: string;
  issuingAgency: string;
  issuedAt: string;
  mimeType: string;
  sha256: string;
  data: Record<string, unknown> | null;
}

function recordNotFound(id: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'record-not-found',
    localized(`No record ${id} in the e-record store.`, `Không có bản ghi ${id} trong kho dữ liệu điện tử.`),
  );
}

/** The live, current records: a corrected record shows as its latest version, a deleted one not at all. */
const CURRENT_RECORDS = `
  SELECT r.id, r.kind, r.document_id, r.procedure_code, r.component_code, r.digitization_level,
         r.issuing_agency, r.issued_at, d.mime_type, d.sha256, d.data
    FROM citizen_record r JOIN document d ON d.id = r.document_id
   WHERE NOT EXISTS (SELECT 1 FROM document_tombstone t WHERE t.document_id = r.document_id)
     AND NOT EXISTS (SELECT 1 FROM document n WHERE n.previous_version_id = r.document_id)`;

interface RecordRow {
  id: string;
  kind: DocumentKind;
  document_id: string;
  procedure_code: string;
  component_code: string;
  digitization_level: string;
  issuing_agency: string;
  issued_at: Date;
  mime_type: string;
  sha256: string;
  data: Record<string, unknown> | null;
}

const toView = (row: RecordRow): CitizenRecordView => ({
  id: row.id,
  kind: row.kind,
  documentId: row.document_id,
  procedureCode: row.procedure_code,
  componentCode: row.component_code,
  digitizationLevel: row.digitization_level,
  issuingAgency: row.issuing_agency,
  issuedAt: row.issued_at.toISOString(),
  mimeType: row.mime_type,
  sha256: row.sha256,
  data: row.data,
});

/**
 * The citizen's e-record store (Decree 45/2020): results and structured documents by the holder's ID number,
 * and their reuse in a new dossier without a new upload ("provide information once").
 */
@Injectable()
export class RecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossierDirectory,
    private readonly lookup: DocumentLookup,
    private readonly ledger: LedgerService,
    private readonly accessLog: RecordAccessLog,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /**
   * A person's current records, looked up for the dossier `purpose`, and the access-log row of that lookup in the
   * same transaction (no records leave without their row). The purpose must bind the person: a clerk, officer or
   * admin names a dossier digitization knows, within their agency subtree, whose parties include the person (its
   * applicant, or an ID number in the validated data of one of its documents). A citizen portal token reads only
   * its own citizen's records; it files applications before intake has received them, so its purpose need not be
   * known yet, but a known one must be that citizen's. Otherwise 403, and the refusal is logged (nothing returned).
   */
  async listByHolder(idNumber: string, purpose: string, principal: Principal): Promise<CitizenRecordView[]> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const dossier = await manager.findOneBy(KnownDossierEntity, { code: purpose });
      const refusal = await purposeRefusal(manager, dossier, idNumber, principal);
      if (refusal) {
        await this.accessLog.record(
          {
            principal,
            purpose,
            dossierAgency: dossier?.agencyCode ?? null,
            idNumber,
            resultCount: 0,
            outcome: 'REFUSED',
          },
          manager,
        );
        return { refusal, records: undefined };
      }
      const rows: RecordRow[] = await manager.query(
        `${CURRENT_RECORDS} AND r.holder_id_number = $1 ORDER BY r.issued_at DESC LIMIT 500`,
        [idNumber],
      );
      await this.accessLog.record(
        {
          principal,
          purpose,
          dossierAgency: dossier?.agencyCode ?? null,
          idNumber,
          resultCount: rows.length,
        },
        manager,
      );
      return { records: rows.map(toView) };
    });
    if (outcome.records) return outcome.records;
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'purpose-not-bound',
      outcome.refusal ?? localized('Refused.', 'Bị từ chối.'),
    );
  }

  /**
   * Fills a component of a dossier from a record of its applicant: a document row of the new dossier pointing at
   * the record's object (no new upload), a hash-chain entry and document.reused. Reusing the same record for the
   * same component again returns the earlier reuse.
   */
  async reuse(dossierCode: string, recordId: string, componentCode: string, principal: Principal) {
    const dossier = await this.dossiers.visible(dossierCode, principal);
    const outcome = await this.reuseOnce(dossier, recordId, componentCode, principal).catch(
      async (error: unknown) => {
        // A concurrent identical reuse won the unique index: it is the same reuse.
        if ((error as { code?: string }).code !== '23505') throw withoutParameters(error);
        const earlier = await this.dataSource.manager.findOneByOrFail(DocumentEntity, {
          dossierCode,
          componentCode,
          reusedFromRecordId: recordId,
        });
        return { document: earlier, created: false };
      },
    );
    if (outcome.created) this.relay?.nudge();
    return {
      created: outcome.created,
      document: toDocumentView(outcome.document, await this.lookup.statusOf(outcome.document)),
    };
  }

  private reuseOnce(
    dossier: KnownDossierEntity,
    recordId: string,
    componentCode: string,
    principal: Principal,
  ) {
    const dossierCode = dossier.code;
    return this.dataSource.transaction(async (manager) => {
      const earlier = await manager.findOneBy(DocumentEntity, {
        dossierCode,
        componentCode,
        reusedFromRecordId: recordId,
      });
      if (earlier) return { document: earlier, created: false };
      // Read under a share lock: a status change being applied waits for this reuse, or this reuse sees it.
      const current = await manager.findOne(KnownDossierEntity, {
        where: { code: dossierCode },
        lock: { mode: 'pessimistic_read' },
      });
      assertDossierAccepts(current?.status ?? null, 'SUPPORTING');
      const [row]: RecordRow[] = await manager.query(`${CURRENT_RECORDS} AND r.id = $1`, [recordId]);
      if (!row) throw recordNotFound(recordId);
      const record = await manager.findOneByOrFail(CitizenRecordEntity, { id: recordId });
      if (!dossier.applicantIdNumber || dossier.applicantIdNumber !== record.holderIdNumber)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'record-of-another-person',
          localized(
            `Record ${recordId} belongs to someone other than the applicant of dossier ${dossierCode}.`,
            `Bản ghi ${recordId} thuộc về người khác, không phải người nộp hồ sơ ${dossierCode}.`,
          ),
        );
      const source = await manager.findOneByOrFail(DocumentEntity, { id: record.documentId });
      const document = manager.create(DocumentEntity, {
        ...source,
        id: randomUUID(),
        dossierCode,
        componentCode,
        kind: 'SUPPORTING',
        version: 1,
        previousVersionId: null,
        reusedFromRecordId: recordId,
        uploadedBy: principal.sub,
        agencyCode: dossier.agencyCode,
        createdAt: new Date(),
      });
      await appendToOutbox(manager, [reusedEvent(document, recordId, source.id)]);
      await this.ledger.appendDocument(manager, document, [{ entity: DocumentEntity, values: document }]);
      return { document, created: true };
    });
  }
}

/** Why the purpose does not allow this lookup, or undefined when it does. */
async function purposeRefusal(
  manager: EntityManager,
  dossier: KnownDossierEntity | null,
  idNumber: string,
  principal: Principal,
): Promise<LocalizedText | undefined> {
  if (isCitizenOnly(principal)) {
    if (idNumber !== principal.citizenId)
      return localized(
        "A citizen portal token reads only its own citizen's records.",
        'Mã truy cập của cổng dịch vụ công chỉ đọc được dữ liệu của chính công dân đó.',
      );
    if (dossier && dossier.applicantIdNumber !== principal.citizenId)
      return localized(
        `Dossier ${dossier.code} is not the citizen's own.`,
        `Hồ sơ ${dossier.code} không phải của công dân này.`,
      );
    return undefined;
  }
  if (!dossier || !agencyCovers(principal.agency, dossier.agencyCode))
    return localized(
      `The purpose must be a dossier of your agency's scope; ${dossier?.code ?? 'this one'} is not.`,
      `Mục đích tra cứu phải là một hồ sơ trong phạm vi cơ quan của bạn; ${dossier?.code ?? 'hồ sơ này'} không phải.`,
    );
  if (dossier.applicantIdNumber === idNumber) return undefined;
  const named = (await manager.query(
    `SELECT 1 FROM document
      WHERE dossier_code = $1 AND data IS NOT NULL
        AND jsonb_path_exists(data, '$.** ? (@ == $id)', jsonb_build_object('id', $2::text))
      LIMIT 1`,
    [dossier.code, idNumber],
  )) as unknown[];
  if (named.length > 0) return undefined;
  return localized(
    `The person looked up is not a party of dossier ${dossier.code} (neither its applicant nor named in its forms).`,
    `Người được tra cứu không phải là bên liên quan của hồ sơ ${dossier.code} (không phải người nộp, không có tên trong tờ khai).`,
  );
}
