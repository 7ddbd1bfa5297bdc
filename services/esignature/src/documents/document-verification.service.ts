import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createCloudEvent, EventTypes, SignatureVerifiedV1 } from '@motcua/contracts';
import { agencyCovers, isAgencyCode, Principal } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { appendToOutbox, OutboxRelay } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { EsignatureConfig } from '../config/esignature.config';
import { VerificationEntity } from '../verifications/verification.entity';
import { VerificationRunner } from '../verifications/verification-runner';
import { VerificationStore } from '../verifications/verification-store';
import { documentFailure, isPdf, type VerificationReport } from '../verification/verifier';
import { KnownDocumentEntity } from './known-document.entity';
import { ObjectReader, ObjectTooLargeError } from './object-reader';
import { SignatureJobEntity } from './signature-job.entity';

export const EVENT_SOURCE = '/motcua/esignature';

/** The agency of a dossier code `<agency>-<YYMMDD>-<NNNN>`, when it has that form. */
export const agencyOfDossier = (dossierCode: string): string | null => {
  const agency = dossierCode.split('-')[0];
  return isAgencyCode(agency) ? agency : null;
};

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Verification of a document known from document.digitized. Exactly one report and one
 * signature.verified event per (documentId, sha256): the report insert is conditional on the unique key
 * and the event is written with it, in one transaction.
 */
@Injectable()
export class DocumentVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: ObjectReader,
    private readonly runner: VerificationRunner,
    private readonly store: VerificationStore,
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
        `No document ${documentId} has been digitized (document.digitized not received).`,
      );
    }
    return document;
  }

  /** POST /verifications { documentId }: the existing report of this file, or a new one. */
  async verifyByRequest(
    documentId: string,
    principal: Principal,
  ): Promise<{ verification: VerificationEntity; created: boolean }> {
    const document = await this.knownDocument(documentId, principal);
    const requestedBy = principal.sub;
    const existing = await this.store.findForDocument(document.documentId, document.sha256);
    if (existing) return { verification: existing, created: false };
    if (!document.bucket || !document.objectKey) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'document-location-unknown',
        `Where document ${documentId} is stored is not known; upload the file instead.`,
      );
    }
    if (document.mimeType.toLowerCase() !== 'application/pdf') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'not-a-pdf',
        `Document ${documentId} is ${document.mimeType}; only PDFs carry embedded signatures.`,
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
          documentFailure('PDF', 'UNREADABLE_DOCUMENT', `LIMIT_EXCEEDED: ${error.message}`),
          requestedBy,
        );
      }
      throw new ProblemException(
        HttpStatus.BAD_GATEWAY,
        'object-unavailable',
        `The stored file of document ${documentId} cannot be read now; retry later.`,
      );
    }
    return this.record(document, document.sha256, await this.reportFor(bytes, document.sha256), requestedBy);
  }

  /** Verifies bytes read from storage, unless they are not the file document.digitized announced. */
  async reportFor(bytes: Uint8Array, expectedSha256: string): Promise<VerificationReport> {
    if (sha256Of(bytes) !== expectedSha256) {
      return documentFailure(
        'PDF',
        'DOCUMENT_UNAVAILABLE',
        'the stored object differs from the file announced by document.digitized (SHA-256 mismatch)',
      );
    }
    if (!isPdf(bytes))
      return documentFailure('PDF', 'UNREADABLE_DOCUMENT', 'MALFORMED: the stored object is not a PDF');
    return this.runner.verify({ kind: 'PDF', file: bytes });
  }

  /** Stores the report, the event and the job's completion together; a second report of the same file is dropped. */
  async record(
    document: KnownDocumentEntity,
    sha256: string,
    report: VerificationReport,
    requestedBy: string,
  ): Promise<{ verification: VerificationEntity; created: boolean }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const saved = await this.store.save(manager, {
        documentId: document.documentId,
        agencyCode: agencyOfDossier(document.dossierCode),
        sha256,
        report,
        requestedBy,
      });
      if (saved.created) {
        await appendToOutbox(manager, [
          createCloudEvent<SignatureVerifiedV1>({
            type: EventTypes.SignatureVerifiedV1,
            source: EVENT_SOURCE,
            subject: document.dossierCode,
            data: {
              documentId: document.documentId,
              dossierCode: document.dossierCode,
              componentCode: document.componentCode,
              verificationId: saved.verification.id,
              indication: report.indication,
              ...(report.subIndication ? { subIndication: report.subIndication } : {}),
              verifiedAt: saved.verification.verifiedAt.toISOString(),
            },
          }),
        ]);
      }
      await manager.update(
        SignatureJobEntity,
        { documentId: document.documentId, sha256 },
        {
          status: 'DONE',
          verificationId: saved.verification.id,
          completedAt: () => 'now()',
          lastError: null,
        },
      );
      return saved;
    });
    if (result.created) this.relay?.nudge();
    return result;
  }
}
