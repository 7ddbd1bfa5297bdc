import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { EntityManager } from 'typeorm';
import type { CloudEvent, DossierFormIssuedV1, IssuedFormCode } from '@motcua/contracts';
import { PermanentEventError } from '@motcua/messaging';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { DigitizationConfig } from '../config/digitization.config';
import { DocumentStore } from '../documents/document-store';
import { PageCounter } from '../documents/page-counter';
import { KnownDossierEntity } from '../dossiers/known-dossier.entity';
import { objectKeyFor } from '../storage/object-keys';

/**
 * The forms that also go to the applicant's e-record store: the written answers that end the procedure without a
 * result, a refusal (03) and a notice of stopping (05), which Decree 45/2020 has returned to the applicant like a
 * result. The receipt (01), a supplement request (02) and an apology (04) are steps of a dossier still open, kept
 * with the dossier only.
 */
const FORMS_IN_RECORD_STORE: ReadonlySet<IssuedFormCode> = new Set(['03', '05']);

/** The component code a form is stored under, e.g. "MAU-03" (not a component of the procedure). */
const formComponentCode = (formCode: string) => `MAU-${formCode}`;

/**
 * Stores each form intake issued (dossier.form-issued.v1) as a document of its dossier, the way an upload is
 * stored: the bytes in S3, then the document row, its e-record entry, its ledger entry and document.digitized (so
 * esignature verifies the agency's signature) in the inbox transaction. The object key and the document id come
 * from the event's id, so a retry after a failure rewrites the same object (the inbox applies the event once).
 */
@Injectable()
export class IssuedFormDocuments {
  constructor(
    private readonly documents: DocumentStore,
    private readonly pages: PageCounter,
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SERVICE_CONFIG) private readonly config: DigitizationConfig,
  ) {}

  async store(event: CloudEvent<DossierFormIssuedV1>, manager: EntityManager): Promise<void> {
    const data = event.data;
    const pdf = Buffer.from(data.pdfBase64, 'base64');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    // The event's own hash is what intake signed and stored: bytes that do not match it can never be right.
    if (
      sha256 !== data.sha256 ||
      pdf.length !== data.size ||
      pdf.subarray(0, 5).toString('latin1') !== '%PDF-'
    )
      throw new PermanentEventError(`form ${data.formCode} of ${data.code}: the PDF does not match its hash`);
    // The dossier directory learns the dossier from an earlier event of the same partition; until it has, retry.
    const dossier = await manager.findOneBy(KnownDossierEntity, { code: data.code });
    if (!dossier) throw new Error(`dossier ${data.code} is not known to digitization yet`);

    const createdAt = new Date();
    const bucket = this.config.S3_BUCKET;
    const key = objectKeyFor(event.id, createdAt);
    await this.client.putObject(bucket, key, pdf, pdf.length, { 'Content-Type': 'application/pdf' });
    const pageCount = await this.pages.count(
      { sha256, size: pdf.length, mimeType: 'application/pdf', singlePart: pdf },
      bucket,
      key,
    );
    await this.documents.commit(
      manager,
      dossier,
      {
        id: event.id,
        dossierCode: data.code,
        componentCode: formComponentCode(data.formCode),
        kind: 'FORM',
        origin: 'ELECTRONIC',
        digitizationLevel: 'SCAN_ONLY',
        mimeType: 'application/pdf',
        sha256,
        size: pdf.length,
        pageCount,
        data: null,
        fileName: data.fileName,
        bucket,
        objectKey: key,
        version: 1,
        previousVersionId: null,
        reusedFromRecordId: null,
        uploadedBy: `intake:${data.agencyCode}`,
        agencyCode: data.agencyCode,
        createdAt,
      },
      FORMS_IN_RECORD_STORE.has(data.formCode),
    );
  }
}
