import { EntityManager } from 'typeorm';

/**
 * What one dossier adds to dossier_digitization_month: one count per measure it satisfies, in the month (Vietnam
 * time) the measure became true, under the month it was received. A pure function of the read models, so after any
 * change the difference between before and after is applied, whatever order the events came in.
 * `dossierFilter` selects the dossiers (e.g. `f.code = $1`); the bench reuses it to fill the table in bulk.
 */
export function contributionsSql(dossierFilter: string): string {
  const month = (t: string) => `date_trunc('month', ${t} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  const resolved = `f.finished_as = 'RESOLVED'`;
  return `
    SELECT f.agency_code, f.procedure_code, f.agency_path, ${month('f.received_at')} AS received_month,
           m.measure, ${month('m.at')} AS fact_month, 1 AS weight
      FROM dossier_fact f
     CROSS JOIN LATERAL (VALUES
       ('received', f.received_at),
       ('online', CASE WHEN f.channel = 'ONLINE' THEN f.received_at END),
       ('with_digitized', f.digitized_at),
       ('resolved', CASE WHEN ${resolved} THEN f.finished_at END),
       -- greatest() skips NULLs: both facts must be there.
       ('with_e_result', CASE WHEN ${resolved} AND f.electronic_result_at IS NOT NULL
                              THEN greatest(f.finished_at, f.electronic_result_at) END),
       ('digitized_with_e_result', CASE WHEN f.digitized_at IS NOT NULL AND f.electronic_result_at IS NOT NULL
                                        THEN greatest(f.digitized_at, f.electronic_result_at) END),
       ('with_reused', f.reused_at),
       ('fee_bearing', CASE WHEN f.payment_status IN ('PAID_ONLINE', 'PAID_AT_DESK') THEN f.paid_at END),
       ('paid_online', CASE WHEN f.payment_status = 'PAID_ONLINE' THEN f.paid_at END)
     ) AS m(measure, at)
     WHERE ${dossierFilter} AND m.at IS NOT NULL
    UNION ALL
    -- Applicant checks and feedback: each result counts from its time until the next result replaces it.
    SELECT f.agency_code, f.procedure_code, f.agency_path, ${month('f.received_at')}, h.measure,
           ${month('e.at')}, e.weight
      FROM dossier_fact f
     CROSS JOIN LATERAL (
       SELECT CASE a.outcome WHEN 'MATCH' THEN 'applicants_matched' WHEN 'MISMATCH' THEN 'applicants_mismatched'
                             ELSE 'applicant_checks_failed' END AS measure,
              a.checked_at AS at, lead(a.checked_at) OVER (ORDER BY a.checked_at, a.event_id) AS until
         FROM applicant_check_result a WHERE a.dossier_code = f.code
       UNION ALL
       SELECT 'complaints', fb.at, fb.until
         FROM (SELECT r.complaint, r.recorded_at AS at,
                      lead(r.recorded_at) OVER (ORDER BY r.recorded_at, r.event_id) AS until
                 FROM feedback_result r WHERE r.dossier_code = f.code) fb
        WHERE fb.complaint
     ) AS h
     CROSS JOIN LATERAL (VALUES (h.at, 1), (h.until, -1)) AS e(at, weight)
     WHERE ${dossierFilter} AND e.at IS NOT NULL AND (h.until IS NULL OR h.until > h.at)
    UNION ALL
    -- A document counts from when it is stored until a correction supersedes it; a signature result from its
    -- verification until the next verification replaces it (or the correction, whichever comes first).
    SELECT f.agency_code, f.procedure_code, f.agency_path, ${month('f.received_at')}, d.measure,
           ${month('e.at')}, e.weight
      FROM dossier_fact f
      -- The agency's own forms (kind FORM) are not the dossier's digitized or verified documents.
      JOIN document_fact doc ON doc.dossier_code = f.code AND doc.kind IS DISTINCT FROM 'FORM'
     CROSS JOIN LATERAL (
       SELECT 'scanned' AS measure,
              CASE WHEN doc.origin = 'SCANNED_PAPER' AND NOT doc.reused THEN doc.stored_at END AS at,
              NULL::timestamptz AS until
       UNION ALL
       SELECT 'scan_only', CASE WHEN doc.origin = 'SCANNED_PAPER' AND NOT doc.reused
                                 AND doc.digitization_level = 'SCAN_ONLY' THEN doc.stored_at END, NULL
       UNION ALL
       SELECT v.measure, s.verified_at, s.until
         FROM (SELECT r.verified_at, r.indication, r.signature_count,
                      lead(r.verified_at) OVER (ORDER BY r.verified_at, r.verification_id) AS until
                 FROM signature_result r WHERE r.document_id = doc.document_id) s
        CROSS JOIN LATERAL (VALUES
          ('verified', coalesce(s.signature_count, 1) > 0),
          ('valid', coalesce(s.signature_count, 1) > 0 AND s.indication = 'TOTAL_PASSED')
        ) AS v(measure, holds)
        WHERE v.holds AND (s.until IS NULL OR s.until > s.verified_at)
     ) AS d
     CROSS JOIN LATERAL (VALUES
       (d.at, 1),
       (CASE WHEN least(d.until, doc.superseded_at) > d.at THEN least(d.until, doc.superseded_at) END, -1)
     ) AS e(at, weight)
     WHERE ${dossierFilter} AND d.at IS NOT NULL AND e.at IS NOT NULL
       AND (doc.superseded_at IS NULL OR doc.superseded_at > d.at)`;
}

interface Contribution {
  agency_code: string;
  procedure_code: string;
  agency_path: string;
  received_month: string;
  measure: string;
  fact_month: string;
  weight: number;
}

/** Measures of the dossiers received in a month (reports count them by received month). */
export const RECEIVED_MEASURES = [
  'received',
  'online',
  'with_digitized',
  'resolved',
  'with_e_result',
  'digitized_with_e_result',
  'with_reused',
  'fee_bearing',
  'paid_online',
  'complaints',
  'applicants_matched',
  'applicants_mismatched',
  'applicant_checks_failed',
] as const;

/** Measures of the documents of those dossiers. */
export const DOCUMENT_MEASURES = ['scanned', 'scan_only', 'verified', 'valid'] as const;

/** The measures, one column each in dossier_digitization_month. */
export const DIGITIZATION_MEASURES = [...RECEIVED_MEASURES, ...DOCUMENT_MEASURES] as const;

type Tally = Map<string, { row: Contribution; count: number }>;

async function tally(manager: EntityManager, code: string): Promise<Tally> {
  const rows: Contribution[] = await manager.query(contributionsSql('f.code = $1'), [code]);
  const result: Tally = new Map();
  for (const row of rows) {
    const key = [row.agency_code, row.procedure_code, row.received_month, row.fact_month, row.measure].join(
      '|',
    );
    const entry = result.get(key) ?? { row, count: 0 };
    entry.count += row.weight;
    result.set(key, entry);
  }
  return result;
}

/** Runs `change` and moves the dossier's counts in dossier_digitization_month by what it changed. */
export async function withDigitizationCounts(
  code: string,
  manager: EntityManager,
  change: () => Promise<void>,
): Promise<void> {
  const before = await tally(manager, code);
  await change();
  const after = await tally(manager, code);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(key)?.count ?? 0) - (before.get(key)?.count ?? 0);
    // A month with facts that cancel out (a document stored and superseded in it, both first known now) still
    // gets its row: a report ending within that month finds from the rows which dossiers to count one by one.
    const cancelled = delta === 0 && after.has(key) && !before.has(key);
    if (delta === 0 && !cancelled) continue;
    const { row } = (after.get(key) ?? before.get(key))!;
    const column = row.measure; // one of DIGITIZATION_MEASURES (checked in tally)
    await manager.query(
      `INSERT INTO dossier_digitization_month
         (agency_code, procedure_code, received_month, fact_month, agency_path, ${column})
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (agency_code, procedure_code, received_month, fact_month)
         DO UPDATE SET ${column} = dossier_digitization_month.${column} + EXCLUDED.${column}`,
      [row.agency_code, row.procedure_code, row.received_month, row.fact_month, row.agency_path, delta],
    );
  }
}
