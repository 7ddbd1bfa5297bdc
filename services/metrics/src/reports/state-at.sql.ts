/**
 * SQL that judges a dossier as it stood at an instant (parameter `asOf`, e.g. '$3'), for the rows of `source`
 * (a query over dossier_fact columns). A dossier whose latest status change is before the instant is judged by
 * its current facts; otherwise by the last row of dossier_status_log before the instant, or as it was received.
 * Overdue follows intake's rule: past the deadline while the clock runs (RECEIVED, PROCESSING), or late by rule
 * (apologised, or asked for a supplement more than once).
 */
export function stateAtSql(source: string, asOf: string): string {
  return `
    SELECT j.*,
           (j.open_at AND (j.state_late OR (j.state_status IN ('RECEIVED', 'PROCESSING') AND j.state_due < ${asOf})))
             AS overdue_at
      FROM (
        SELECT h.*,
               CASE WHEN h.current THEN h.status ELSE coalesce((h.hist).status, h.received_status) END AS state_status,
               CASE WHEN h.current THEN h.due_at ELSE
                 CASE WHEN h.hist IS NULL THEN h.received_due_at ELSE (h.hist).due_at END END AS state_due,
               CASE WHEN h.current THEN h.late_by_rule ELSE coalesce((h.hist).late_by_rule, false) END AS state_late,
               CASE WHEN h.current THEN h.apologized ELSE coalesce((h.hist).apologized, false) END AS state_apologized,
               CASE WHEN h.current THEN h.supplement_requests
                    ELSE coalesce((h.hist).supplement_requests, 0) END AS state_supplements
          FROM (
            SELECT s.*,
                   (s.finished_at IS NULL OR s.finished_at >= ${asOf}) AS open_at,
                   (s.last_status_at IS NULL OR s.last_status_at < ${asOf}) AS current,
                   CASE WHEN (s.finished_at IS NULL OR s.finished_at >= ${asOf}) AND s.last_status_at >= ${asOf}
                        THEN (SELECT l FROM dossier_status_log l WHERE l.code = s.code AND l.at < ${asOf}
                               ORDER BY l.at DESC LIMIT 1) END AS hist
              FROM (${source}) s
          ) h
      ) j`;
}

/** The columns of dossier_fact the SLA and overdue reports read. */
export const FACT_COLUMNS = `f.code, f.agency_code, f.procedure_code, f.channel, f.status, f.received_at,
  f.received_status, f.received_due_at, f.due_at, f.last_status_at, f.late_by_rule, f.apologized,
  f.supplement_requests, f.finished_at, f.finished_as, f.resolution, f.processing_minutes`;
