import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogueEvent, EventTypes } from '@motcua/contracts';
import { linkDossierFacts } from './dossier-links';

/**
 * Folds motcua.citizen.v1 into applicant_check_result (every check with its time: a report judged at T uses the latest
 * before T), applicant_check (the latest of all) and onto the dossier's fact.
 */
@Injectable()
export class ApplicantCheckProjection {
  async apply(event: CatalogueEvent, manager: EntityManager): Promise<void> {
    let check: { dossierCode: string; outcome: string; at: string };
    if (event.type === EventTypes.CitizenVerifiedV1) {
      const data = event.data;
      check = {
        dossierCode: data.dossierCode,
        outcome: data.match ? 'MATCH' : 'MISMATCH',
        at: data.verifiedAt,
      };
    } else if (event.type === EventTypes.CitizenVerificationFailedV1) {
      const data = event.data;
      check = { dossierCode: data.dossierCode, outcome: 'FAILED', at: data.failedAt };
    } else {
      return;
    }
    await manager.query(
      `INSERT INTO applicant_check_result (dossier_code, event_id, outcome, checked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [check.dossierCode, event.id, check.outcome, check.at],
    );
    await manager.query(
      `INSERT INTO applicant_check (dossier_code, outcome, checked_at)
       SELECT dossier_code, outcome, checked_at FROM applicant_check_result WHERE dossier_code = $1
        ORDER BY checked_at DESC, event_id DESC LIMIT 1
       ON CONFLICT (dossier_code) DO UPDATE SET outcome = EXCLUDED.outcome, checked_at = EXCLUDED.checked_at`,
      [check.dossierCode],
    );
    await linkDossierFacts(check.dossierCode, manager);
  }
}
