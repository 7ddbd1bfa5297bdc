import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { CatalogueEvent, EventTypes, SignatureVerifiedV1 } from '@motcua/contracts';
import { DossierEntity } from '../dossiers/dossier.entity';
import { deriveDossierDocuments, laterReport } from './current-documents';
import { DossierDocumentEntity, SignatureReport } from './dossier-document.entity';

/**
 * Shows on the dossier what other services learned about it: the applicant's registry verification and each
 * component's document and signature. Runs inside the inbox transaction, so each event applies once.
 */
@Injectable()
export class DossierUpdatesProjection {
  async apply(event: CatalogueEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.CitizenVerifiedV1: {
        const data = event.data;
        await manager.update(
          DossierEntity,
          { code: data.dossierCode },
          {
            applicantVerificationStatus: data.match ? 'VERIFIED' : 'MISMATCH',
            applicantVerificationMismatches: data.mismatches,
          },
        );
        return;
      }
      case EventTypes.CitizenVerificationFailedV1: {
        const data = event.data;
        // A late failure never overrides an answer the registry already gave.
        await manager
          .createQueryBuilder()
          .update(DossierEntity)
          .set({ applicantVerificationStatus: 'FAILED' })
          .where('code = :code AND applicant_verification_status = :pending', {
            code: data.dossierCode,
            pending: 'PENDING',
          })
          .execute();
        return;
      }
      case EventTypes.DocumentDigitizedV1: {
        const data = event.data;
        return this.documentKnown(manager, data.dossierCode, {
          documentId: data.documentId,
          dossierCode: data.dossierCode,
          componentCode: data.componentCode,
          source: 'DIGITIZED',
          kind: data.kind,
          occurredAt: new Date(data.storedAt),
          documentVersion: data.version ?? null,
          previousDocumentId: data.previousDocumentId ?? null,
          sourceDocumentId: null,
          recordId: null,
          digitizationLevel: data.digitizationLevel,
          sha256: data.sha256,
        });
      }
      case EventTypes.DocumentReusedV1: {
        const data = event.data;
        return this.documentKnown(manager, data.dossierCode, {
          documentId: data.documentId,
          dossierCode: data.dossierCode,
          componentCode: data.componentCode,
          source: 'REUSED',
          kind: data.kind ?? null,
          occurredAt: new Date(data.reusedAt),
          documentVersion: null,
          previousDocumentId: null,
          sourceDocumentId: data.sourceDocumentId ?? null,
          recordId: data.recordId,
          digitizationLevel: data.digitizationLevel,
          sha256: data.sha256 ?? null,
        });
      }
      case EventTypes.SignatureVerifiedV1:
        return this.signatureReported(manager, event.data);
      default:
        return;
    }
  }

  /** Remembers the document (a redelivery changes nothing) and re-derives the dossier's components. */
  private async documentKnown(
    manager: EntityManager,
    dossierCode: string,
    document: Omit<DossierDocumentEntity, 'signature'>,
  ): Promise<void> {
    const dossier = await this.lockDossier(manager, dossierCode);
    if (!dossier) return; // not ours (another deployment's dossier): nothing to show
    await manager
      .createQueryBuilder()
      .insert()
      .into(DossierDocumentEntity)
      .values(document)
      .orUpdate(
        [
          'dossier_code',
          'component_code',
          'source',
          'kind',
          'occurred_at',
          'document_version',
          'previous_document_id',
          'source_document_id',
          'record_id',
          'digitization_level',
          'sha256',
        ],
        ['document_id'],
      )
      .execute();
    await this.derive(manager, dossier);
  }

  /**
   * Keeps the latest report per document whether or not the document is (still, or yet) the component's current
   * one, then re-derives this dossier and every dossier whose reuse shows this document's report.
   */
  private async signatureReported(manager: EntityManager, data: SignatureVerifiedV1): Promise<void> {
    const dossier = await this.lockDossier(manager, data.dossierCode);
    if (!dossier) return;
    const report: SignatureReport = {
      indication: data.indication,
      ...(data.subIndication ? { subIndication: data.subIndication } : {}),
      verificationId: data.verificationId,
      verifiedAt: data.verifiedAt,
      ...(data.signatureCount === undefined ? {} : { signatureCount: data.signatureCount }),
      ...(data.sha256 ? { sha256: data.sha256 } : {}),
    };
    // Dossiers that show this report through a reuse are locked before the report's row, in the order a reuse
    // takes them (its dossier, then the source row), so the two never wait on each other.
    const reusing = await manager.find(DossierDocumentEntity, {
      where: { sourceDocumentId: data.documentId, dossierCode: Not(data.dossierCode) },
    });
    const others: DossierEntity[] = [];
    for (const code of [...new Set(reusing.map((d) => d.dossierCode))].sort()) {
      const other = await this.lockDossier(manager, code);
      if (other) others.push(other);
    }
    const existing = await manager.findOne(DossierDocumentEntity, {
      where: { documentId: data.documentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing) {
      const kept = laterReport(existing.signature, report);
      if (kept === existing.signature) return; // an older or repeated report: nothing changes
      await manager.update(DossierDocumentEntity, { documentId: data.documentId }, { signature: kept });
    } else {
      await manager.insert(DossierDocumentEntity, {
        documentId: data.documentId,
        dossierCode: data.dossierCode,
        componentCode: data.componentCode,
        signature: report,
      });
    }
    for (const each of [dossier, ...others]) await this.derive(manager, each);
  }

  /** The dossier row lock serializes every event about one dossier, whichever topic it came from. */
  private lockDossier(manager: EntityManager, code: string): Promise<DossierEntity | null> {
    return manager.findOne(DossierEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  private async derive(manager: EntityManager, dossier: DossierEntity): Promise<void> {
    const own = await manager.find(DossierDocumentEntity, { where: { dossierCode: dossier.code } });
    const sources = [...new Set(own.map((d) => d.sourceDocumentId).filter((id): id is string => !!id))];
    // Read-locked so a report on a source committing at the same time is either seen here or re-derives us.
    const sourced = sources.length
      ? await manager.find(DossierDocumentEntity, {
          where: { documentId: In(sources), dossierCode: Not(dossier.code) },
          lock: { mode: 'pessimistic_read' },
        })
      : [];
    const derived = deriveDossierDocuments(
      dossier.components,
      [...own, ...sourced],
      new Set(own.map((d) => d.documentId)),
    );
    if (isDeepStrictEqual(derived, { components: dossier.components, results: dossier.results })) return;
    dossier.components = derived.components;
    dossier.results = derived.results;
    await manager.save(dossier);
  }
}
