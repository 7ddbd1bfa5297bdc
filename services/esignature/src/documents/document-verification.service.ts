import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { agencyCovers, isAgencyCode, Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { EsignatureConfig } from '../config/esignature.config';
import { VerificationEntity } from '../verifications/verification.entity';
import { VerificationRunner } from '../verifications/verification-runner';
import { VerificationStore } from '../verifications/verification-store';
import { documentFailure, isPdf, type VerificationReport } from '../verification/verifier';
import { KnownDocumentEntity } from './known-document.entity';
import { ObjectReader, ObjectTooLargeError } from './object-reader';
import { signatureVerifiedEvent, TRUST_DEPENDENT_SUB_INDICATIONS } from './signature-events';
import { lockedTrustGeneration, TrustStoreService } from '../trust-store/trust-store.service';

/** The agency of a dossier code `<agency>-<YYMMDD>-<NNNN>`, when it has that form. */
export const agencyOfDossier = (dossierCode: string): string | null => {
  const agency = dossierCode.split('-')[0];
  return isAgencyCode(agency) ? agency : null;
};

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface GenerationReport {
  report: VerificationReport;
  trustGeneration: number;
}

/** An INDETERMINATE result a change of anchors or CRLs may settle. */
export const isTrustDependent = (report: VerificationReport): boolean =>
  report.indication === 'INDETERMINATE' &&
  report.subIndication !== undefined &&
  TRUST_DEPENDENT_SUB_INDICATIONS.includes(report.subIndication);

/** (Re)queues the verification of a file, to be closed only by a report of `minGeneration` or later. */
export async function requeueJob(
  manager: EntityManager,
  documentId: string,
  sha256: string,
  minGeneration: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO signature_job (document_id, sha256, min_trust_generation) VALUES ($1, $2, $3)
     ON CONFLICT (document_id, sha256) DO UPDATE
        SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL,
            min_trust_generation = EXCLUDED.min_trust_generation`,
    [documentId, sha256, minGeneration],
  );
}

/** Whether a configured CRL comes from one of these issuers (RevocationList.issuerName). */
async function hasCrlOfIssuers(manager: EntityManager, issuers: string[]): Promise<boolean> {
  if (issuers.length === 0) return false;
  const rows = (await manager.query('SELECT 1 FROM revocation_list WHERE issuer = ANY($1::text[]) LIMIT 1', [
    issuers,
  ])) as unknown[];
  return rows.length > 0;
}

/** Marks the job done with this report, unless it was re-queued for a later trust-store generation. */
export async function completeJob(
  manager: EntityManager,
  documentId: string,
  sha256: string,
  verification: VerificationEntity,
): Promise<void> {
  await manager.query(
    `UPDATE signature_job
        SET status = 'DONE', verification_id = $3, completed_at = now(), last_error = NULL
      WHERE document_id = $1 AND sha256 = $2 AND min_trust_generation <= $4`,
    [documentId, sha256, verification.id, verification.trustGeneration],
  );
}

/**
 * Verification of a document known from document.digitized or document.reused. Exactly one report and one
 * signature.verified event per (documentId, sha256, trust-store generation): the report insert is conditional
 * on that unique key and the event is written with it, in one transaction. A change of anchors or CRLs starts
 * a new generation, so the same file may then be verified again (and publishes again).
 */
@Injectable()
export class DocumentVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: ObjectReader,
    private readonly runner: VerificationRunner,
    private readonly store: VerificationStore,
    private readonly trustStore: TrustStoreService,
    @Inject(SERVICE_CONFIG) private readonly config: EsignatureConfig,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /** A known document within the caller's agency scope (the dossier code starts with its agency). */
  async knownDocument(documentId: string, principal: Principal): Promise<KnownDocumentEntity> {
    const document = await this.dataSource.getRepository(KnownDocumentEntity).findOneBy({ documentId });
    if (!document || !agencyCovers(principal.agency, agencyOfDossier(document.dossierCode) ?? '')) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'document-not-found',
        localized(
          `No document ${documentId} has been digitized (document.digitized not received).`,
          `Chưa có tài liệu ${documentId} được số hoá (chưa nhận document.digitized).`,
        ),
      );
    }
    return document;
  }

  /**
   * POST /verifications { documentId }: the report of this file under the current trust-store generation, or a
   * new one (also when the stored report was made before the last anchor or CRL change).
   */
  async verifyByRequest(
    documentId: string,
    principal: Principal,
  ): Promise<{ verification: VerificationEntity; created: boolean }> {
    const document = await this.knownDocument(documentId, principal);
    const requestedBy = principal.sub;
    const generation = await this.trustStore.generation();
    const existing = await this.store.findForDocument(document.documentId, document.sha256, generation);
    if (existing) return { verification: existing, created: false };
    if (!document.bucket || !document.objectKey) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'document-location-unknown',
        localized(
          `Where document ${documentId} is stored is not known; upload the file instead.`,
          `Chưa biết nơi lưu tài liệu ${documentId}; hãy tải tệp lên trực tiếp.`,
        ),
      );
    }
    if (document.mimeType.toLowerCase() !== 'application/pdf') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'not-a-pdf',
        localized(
          `Document ${documentId} is ${document.mimeType}; only PDFs carry embedded signatures.`,
          `Tài liệu ${documentId} có kiểu ${document.mimeType}; chỉ tệp PDF mới có chữ ký nhúng.`,
        ),
      );
    }
    let bytes: Buffer;
    try {
      bytes = await this.reader.read(document.bucket, document.objectKey, this.config.MAX_FILE_BYTES);
    } catch (error) {
      if (error instanceof ObjectTooLargeError) {
        return this.record(
          document,
          document.sha256,
          {
            report: documentFailure('PDF', 'UNREADABLE_DOCUMENT', `LIMIT_EXCEEDED: ${error.message}`),
            trustGeneration: generation,
          },
          requestedBy,
        );
      }
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        'object-unavailable',
        localized(
          `The stored file of document ${documentId} cannot be read now; retry later.`,
          `Hiện không đọc được tệp đã lưu của tài liệu ${documentId}; vui lòng thử lại sau.`,
        ),
      );
    }
    return this.record(document, document.sha256, await this.reportFor(bytes, document.sha256), requestedBy);
  }

  /**
   * Verifies bytes read from storage, unless they are not the file document.digitized announced; with the
   * trust-store generation the report holds for.
   */
  async reportFor(bytes: Uint8Array, expectedSha256: string): Promise<GenerationReport> {
    if (sha256Of(bytes) !== expectedSha256) {
      return {
        report: documentFailure(
          'PDF',
          'DOCUMENT_UNAVAILABLE',
          'the stored object differs from the file announced by document.digitized (SHA-256 mismatch)',
        ),
        trustGeneration: await this.trustStore.generation(),
      };
    }
    if (!isPdf(bytes)) {
      return {
        report: documentFailure('PDF', 'UNREADABLE_DOCUMENT', 'MALFORMED: the stored object is not a PDF'),
        trustGeneration: await this.trustStore.generation(),
      };
    }
    return this.runner.verify({ kind: 'PDF', file: bytes });
  }

  /**
   * Stores the report, the event and the job's completion together; a second report of the same file under
   * the same generation is dropped. A job re-queued for a later generation stays pending.
   */
  async record(
    document: KnownDocumentEntity,
    sha256: string,
    { report, trustGeneration }: GenerationReport,
    requestedBy: string,
  ): Promise<{ verification: VerificationEntity; created: boolean }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const current = await lockedTrustGeneration(manager);
      const saved = await this.store.save(manager, {
        documentId: document.documentId,
        agencyCode: agencyOfDossier(document.dossierCode),
        sha256,
        report,
        trustGeneration,
        requestedBy,
      });
      if (saved.created)
        await appendToOutbox(manager, [signatureVerifiedEvent(document, saved.verification)]);
      if (
        trustGeneration < current &&
        (isTrustDependent(report) || (await hasCrlOfIssuers(manager, saved.verification.certificateIssuers)))
      ) {
        // The store changed while this ran, and its re-queue could not see this report: queue it for the new one.
        // Which CRLs that change added is not known here, so any CRL of an issuer of the paths counts.
        await requeueJob(manager, document.documentId, sha256, current);
      } else {
        await completeJob(manager, document.documentId, sha256, saved.verification);
      }
      return saved;
    });
    if (result.created) this.relay?.nudge();
    return result;
  }
}
