import { EntityManager } from 'typeorm';

/**
 * Joins what document and citizen events said about a dossier to its fact row. Called after either side changes, so
 * the result is the same whichever arrived first (topics are ordered per dossier, not across topics).
 */
export async function linkDossierFacts(code: string, manager: EntityManager): Promise<void> {
  await manager.query(
    `UPDATE document_fact d
        SET agency_code = f.agency_code, agency_path = f.agency_path,
            procedure_code = f.procedure_code, dossier_received_at = f.received_at
       FROM dossier_fact f
      WHERE f.code = $1 AND d.dossier_code = $1 AND d.agency_path IS NULL`,
    [code],
  );
  await manager.query(
    `UPDATE dossier_fact f
        SET digitized_at = d.digitized_at, reused_at = d.reused_at, electronic_result_at = d.electronic_result_at
       FROM (SELECT min(stored_at) FILTER (WHERE reused OR kind IN ('APPLICATION', 'SUPPORTING')) AS digitized_at,
                    min(stored_at) FILTER (WHERE reused) AS reused_at,
                    min(stored_at) FILTER (WHERE kind = 'RESULT' AND origin = 'ELECTRONIC') AS electronic_result_at
               FROM document_fact WHERE dossier_code = $1) d
      WHERE f.code = $1`,
    [code],
  );
  await manager.query(
    `UPDATE dossier_fact f SET applicant_check = a.outcome, applicant_checked_at = a.checked_at,
            applicant_first_checked_at = (SELECT min(checked_at) FROM applicant_check_result WHERE dossier_code = $1)
       FROM applicant_check a WHERE a.dossier_code = $1 AND f.code = $1`,
    [code],
  );
}
