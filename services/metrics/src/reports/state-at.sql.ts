/**
 * SQL that judges a dossier as it stood at an instant (parameter `asOf`, e.g. '$3'), for the rows of `source`
 * (a query over dossier_fact columns). A dossier whose latest status change is before the instant is judged by its
 * current facts; one that finished after the instant, in a state it was in already then, by that state (open_*);
 * otherwise by the last row of dossier_status_log before the instant, or as it was received. Only those last few
 * look the log up (a one-time filter in the lateral).
 * Overdue follows intake's rule: past the deadline while the clock runs (RECEIVED, PROCESSING), or late by rule
 * (apologised, or asked for a supplement more than once).
 */
export function stateAtSql(source: string, asOf: string): string {
  const pick = (current: string, open: string, logged: string, received: string) =>
    `CASE s.state_from WHEN 'current' THEN s.${current} WHEN 'open' THEN s.${open}
       ELSE CASE WHEN h.status IS NULL THEN ${received} ELSE h.${logged} END END`;
  return `
    SELECT j.*,
           (j.open_at AND (j.state_late OR (j.state_status IN ('RECEIVED', 'PROCESSING') AND j.state_due < ${asOf})))
             AS overdue_at
      FROM (
        SELECT s.*,
               (s.finished_at IS NULL OR s.finished_at >= ${asOf}) AS open_at,
               ${pick('status', 'open_status', 'status', 's.received_status')} AS state_status,
               ${pick('due_at', 'open_due_at', 'due_at', 's.received_due_at')} AS state_due,
               ${pick('late_by_rule', 'open_late_by_rule', 'late_by_rule', 'false')} AS state_late,
               ${pick('apologized', 'open_apologized', 'apologized', 'false')} AS state_apologized,
               ${pick('supplement_requests', 'open_supplement_requests', 'supplement_requests', '0')}
                 AS state_supplements
          FROM (SELECT src.*,
                       CASE WHEN src.last_status_at IS NULL OR src.last_status_at < ${asOf} THEN 'current'
                            WHEN src.finished_at >= ${asOf} AND src.open_since < ${asOf} THEN 'open'
                            ELSE 'log' END AS state_from
                  FROM (${source}) src) s
          LEFT JOIN LATERAL (
            SELECT l.status, l.due_at, l.late_by_rule, l.apologized, l.supplement_requests
              FROM dossier_status_log l
             WHERE s.state_from = 'log' AND (s.finished_at IS NULL OR s.finished_at >= ${asOf})
               AND l.code = s.code AND l.at < ${asOf}
             ORDER BY l.at DESC
             LIMIT 1
          ) h ON true
      ) j`;
}

/** The columns of dossier_fact the SLA and overdue reports read. */
export const FACT_COLUMNS = `f.code, f.agency_code, f.procedure_code, f.channel, f.status, f.received_at,
  f.received_status, f.received_due_at, f.due_at, f.last_status_at, f.late_by_rule, f.apologized,
  f.supplement_requests, f.finished_at, f.finished_as, f.resolution, f.processing_minutes, f.open_since,
  f.open_status, f.open_due_at, f.open_late_by_rule, f.open_apologized, f.open_supplement_requests`;

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
