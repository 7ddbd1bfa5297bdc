import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CatalogueEvent,
  DocumentDigitizedV1,
  DocumentReusedV1,
  EventTypes,
  SignatureVerifiedV1,
} from '@motcua/contracts';
import { linkDossierFacts } from './dossier-links';

/**
 * Folds motcua.document.v1 and motcua.signature.v1 into document_fact, then refreshes the dossier's digitization
 * facts. Each event fills only its own columns, so the row converges whatever order the topics deliver in.
 */
@Injectable()
export class DocumentFactProjection {
  async apply(event: CatalogueEvent, manager: EntityManager): Promise<void> {
    let dossierCode: string;
    switch (event.type) {
      case EventTypes.DocumentDigitizedV1:
        dossierCode = await this.digitized(event.data, manager);
        break;
      case EventTypes.DocumentReusedV1:
        dossierCode = await this.reused(event.data, manager);
        break;
      case EventTypes.SignatureVerifiedV1:
        dossierCode = await this.signatureVerified(event.data, manager);
        break;
      default:
        return;
    }
    await linkDossierFacts(dossierCode, manager);
  }

  private async digitized(data: DocumentDigitizedV1, manager: EntityManager) {
    await manager.query(
      `INSERT INTO document_fact (document_id, dossier_code, kind, origin, digitization_level, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (document_id) DO UPDATE
         SET kind = EXCLUDED.kind, origin = EXCLUDED.origin, digitization_level = EXCLUDED.digitization_level,
             stored_at = EXCLUDED.stored_at`,
      [data.documentId, data.dossierCode, data.kind, data.origin, data.digitizationLevel, data.storedAt],
    );
    if (data.previousDocumentId) {
      // A correction: the version it replaces stays stored, and stops counting from now.
      await manager.query(
        `INSERT INTO document_fact (document_id, dossier_code, superseded_at) VALUES ($1, $2, $3)
         ON CONFLICT (document_id) DO UPDATE SET superseded_at = EXCLUDED.superseded_at`,
        [data.previousDocumentId, data.dossierCode, data.storedAt],
      );
    }
    return data.dossierCode;
  }

  private async reused(data: DocumentReusedV1, manager: EntityManager) {
    await manager.query(
      `INSERT INTO document_fact (document_id, dossier_code, digitization_level, reused, stored_at)
       VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (document_id) DO UPDATE
         SET reused = true, digitization_level = EXCLUDED.digitization_level, stored_at = EXCLUDED.stored_at`,
      [data.documentId, data.dossierCode, data.digitizationLevel, data.reusedAt],
    );
    return data.dossierCode;
  }

  /**
   * Every verification is kept with its time (a re-check after a trust-store change adds one, it does not rewrite the
   * earlier): a report judged at T uses the latest before T. document_fact carries the latest of all.
   */
  private async signatureVerified(data: SignatureVerifiedV1, manager: EntityManager) {
    await manager.query(
      `INSERT INTO signature_result (document_id, verification_id, dossier_code, indication, signature_count,
                                     verified_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        data.documentId,
        data.verificationId,
        data.dossierCode,
        data.indication,
        data.signatureCount ?? null,
        data.verifiedAt,
      ],
    );
    await manager.query(
      `INSERT INTO document_fact (document_id, dossier_code, signature_indication, signature_verified_at,
                                  signature_count, signature_first_verified_at)
       SELECT document_id, dossier_code, indication, verified_at, signature_count,
              (SELECT min(verified_at) FROM signature_result WHERE document_id = $1)
         FROM signature_result WHERE document_id = $1
        ORDER BY verified_at DESC, verification_id DESC LIMIT 1
       ON CONFLICT (document_id) DO UPDATE
         SET signature_indication = EXCLUDED.signature_indication,
             signature_verified_at = EXCLUDED.signature_verified_at,
             signature_count = EXCLUDED.signature_count,
             signature_first_verified_at = EXCLUDED.signature_first_verified_at`,
      [data.documentId],
    );
    return data.dossierCode;
  }
}
