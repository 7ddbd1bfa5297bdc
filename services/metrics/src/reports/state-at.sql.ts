/**
 * SQL that judges a dossier as it stood at an instant (parameter `asOf`, e.g. '$3'), for the rows of `source`
 * (a query over dossier_fact columns). A dossier whose latest status change is before the instant is judged by
 * its current facts; otherwise by the last row of dossier_status_log before the instant, or as it was received.
 * Only dossiers still open at the instant and changed after it look the log up (a one-time filter in the lateral).
 * Overdue follows intake's rule: past the deadline while the clock runs (RECEIVED, PROCESSING), or late by rule
 * (apologised, or asked for a supplement more than once).
 */
export function stateAtSql(source: string, asOf: string): string {
  return `
    SELECT j.*,
           (j.open_at AND (j.state_late OR (j.state_status IN ('RECEIVED', 'PROCESSING') AND j.state_due < ${asOf})))
             AS overdue_at
      FROM (
        SELECT s.*,
               (s.finished_at IS NULL OR s.finished_at >= ${asOf}) AS open_at,
               CASE WHEN s.current THEN s.status ELSE coalesce(h.status, s.received_status) END AS state_status,
               CASE WHEN s.current THEN s.due_at WHEN h.status IS NULL THEN s.received_due_at ELSE h.due_at END
                 AS state_due,
               CASE WHEN s.current THEN s.late_by_rule ELSE coalesce(h.late_by_rule, false) END AS state_late,
               CASE WHEN s.current THEN s.apologized ELSE coalesce(h.apologized, false) END AS state_apologized,
               CASE WHEN s.current THEN s.supplement_requests ELSE coalesce(h.supplement_requests, 0) END
                 AS state_supplements
          FROM (SELECT src.*, (src.last_status_at IS NULL OR src.last_status_at < ${asOf}) AS current
                  FROM (${source}) src) s
          LEFT JOIN LATERAL (
            SELECT l.status, l.due_at, l.late_by_rule, l.apologized, l.supplement_requests
              FROM dossier_status_log l
             WHERE NOT s.current AND (s.finished_at IS NULL OR s.finished_at >= ${asOf})
               AND l.code = s.code AND l.at < ${asOf}
             ORDER BY l.at DESC
             LIMIT 1
          ) h ON true
      ) j`;
}

/** The columns of dossier_fact the SLA and overdue reports read. */
export const FACT_COLUMNS = `f.code, f.agency_code, f.procedure_code, f.channel, f.status, f.received_at,
  f.received_status, f.received_due_at, f.due_at, f.last_status_at, f.late_by_rule, f.apologized,
  f.supplement_requests, f.finished_at, f.finished_as, f.resolution, f.processing_minutes`;

/**
 * Dossiers open at an instant (parameter `asOf`): those not finished yet and received before it, and those finished
 * after it that were received after `since` (parameter) = the instant minus the longest time any dossier stayed
 * open ({@link longestOpenSeconds}); both read a covering index over one subtree's run of pages.
 */
export function openAtSql(asOf: string, since: string, conditions: string): string {
  return `
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE f.finished_at IS NULL AND f.received_at < ${asOf}${conditions}
    UNION ALL
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE f.received_at >= ${since} AND f.received_at < ${asOf} AND f.finished_at >= ${asOf}${conditions}`;
}

/** The longest a finished dossier stayed open, in seconds (an index probe on dossier_fact_span_idx). */
export const LONGEST_OPEN_SQL = `SELECT coalesce(extract(epoch FROM max(finished_at - received_at)), 0)::float8 AS seconds
  FROM dossier_fact`;
