#!/usr/bin/env node
// Benchmark (issue 7): the four auditor reports through the metrics service, for one province over one closed year,
// with 10,000, 100,000 and 1,000,000 dossiers in its read models. Synthetic facts are generated in SQL
// (generate_series) straight into an isolated schema; each report is asked N times per size (after warm-up) and the
// p50/p95 per size are printed, with the growth ratio from the smallest size to the largest.
// Usage: npm run bench:metrics [-- --runs 20 --sizes 10000,100000,1000000 --only 'Jan-14 Dec']
// (--only: a regular expression on the report names, to iterate on some reports at one size.)
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, ensureInfrastructure, requireNode24, root } from '../scripts/lib/infra.mjs';
import { startIsolatedService } from './lib/isolated-service.mjs';
import { percentile } from './lib/load.mjs';

requireNode24();
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    // Leaves the schema and its data behind for EXPLAIN (drop it by hand afterwards).
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
ensureInfrastructure();
build();

const require = createRequire(import.meta.url);
const { contributionsSql, DIGITIZATION_MEASURES } = require(
  join(root, 'services/metrics/dist/facts/digitization-contributions.js'),
);

const PROVINCE = '000.00.00.H49';
const YEAR = 'from=2025-01-01&to=2025-12-31';
const ODD = 'from=2025-01-15&to=2025-12-14';
const ALL_REPORTS = {
  'sla by agency': `/reports/sla?${YEAR}&agencyCode=${PROVINCE}&groupBy=agency`,
  'sla by month': `/reports/sla?${YEAR}&agencyCode=${PROVINCE}&groupBy=month`,
  'sla by procedure': `/reports/sla?${YEAR}&agencyCode=${PROVINCE}&groupBy=procedure`,
  digitization: `/reports/digitization?${YEAR}&agencyCode=${PROVINCE}&groupBy=agency`,
  overdue: `/reports/overdue?${YEAR}&agencyCode=${PROVINCE}&pageSize=100`,
  indicators: `/reports/indicators?${YEAR}&agencyCode=${PROVINCE}`,
  // Not month-aligned: the full months from the monthly tables, the partial months at each edge from the dossiers.
  'sla 15 Jan-14 Dec': `/reports/sla?${ODD}&agencyCode=${PROVINCE}&groupBy=agency`,
  'sla month 15 Jan-14 Dec': `/reports/sla?${ODD}&agencyCode=${PROVINCE}&groupBy=month`,
  'sla proc 15 Jan-14 Dec': `/reports/sla?${ODD}&agencyCode=${PROVINCE}&groupBy=procedure`,
  'digit. 15 Jan-14 Dec': `/reports/digitization?${ODD}&agencyCode=${PROVINCE}&groupBy=agency`,
  'overdue 15 Jan-14 Dec': `/reports/overdue?${ODD}&agencyCode=${PROVINCE}&pageSize=100`,
  'indic. 15 Jan-14 Dec': `/reports/indicators?${ODD}&agencyCode=${PROVINCE}`,
  // This year so far: judged now, dossier by dossier for the open ones.
  'sla this year': `/reports/sla?from=2026-01-01&agencyCode=${PROVINCE}&groupBy=agency`,
};
const REPORTS = Object.fromEntries(
  Object.entries(ALL_REPORTS).filter(([name]) => !values.only || new RegExp(values.only).test(name)),
);

/*
 * Synthetic dossiers numbered [from, to]: four provinces (H49..H52) of twelve departments, forty procedures with a
 * skewed popularity, received evenly from 1 Jan 2025 to 31 Oct 2026 (so one province-year is about 13.6% of all
 * dossiers), 60% online; limits of 3 to 15 working days; 95% finished (88% resolved, the rest refused, withdrawn or
 * stopped) after 0.2 to 1.5 times their limit, 3% late by rule; half digitized, a fifth reusing a record, 40%
 * with an electronic result. Two status-log rows per dossier and one to three document rows.
 */
const FACTS_SQL = `
  INSERT INTO dossier_fact (code, agency_code, agency_path, procedure_code, channel, status, received_at,
    received_status, received_due_at, due_at, last_status_at, late_by_rule, apologized, supplement_requests,
    finished_at, finished_as, open_since, open_status, open_due_at, open_late_by_rule, open_apologized,
    open_supplement_requests, resolution, processing_minutes, payment_status, paid_at, complaint, feedback_at,
    digitized_at, reused_at, electronic_result_at, applicant_check, applicant_checked_at, feedback_first_at,
    applicant_first_checked_at)
  SELECT code, agency_code, province || '.' || dept || '.00.000', procedure_code, channel,
         CASE WHEN finished_at IS NULL THEN 'PROCESSING' WHEN finished_as = 'RESOLVED' THEN 'RETURNED' ELSE finished_as END,
         received_at, CASE WHEN channel = 'ONLINE' THEN 'SUBMITTED' ELSE 'RECEIVED' END, due_at, due_at,
         coalesce(finished_at, received_at + interval '1 hour'), late_by_rule, late_by_rule AND r_rule < 0.015,
         CASE WHEN late_by_rule THEN 2 ELSE 0 END,
         finished_at, finished_as,
         -- The state before finishing: processing since an hour after receipt.
         CASE WHEN finished_at IS NOT NULL THEN received_at + interval '1 hour' END,
         CASE WHEN finished_at IS NOT NULL THEN 'PROCESSING' END,
         CASE WHEN finished_at IS NOT NULL THEN due_at END,
         CASE WHEN finished_at IS NOT NULL THEN late_by_rule END,
         CASE WHEN finished_at IS NOT NULL THEN late_by_rule AND r_rule < 0.015 END,
         CASE WHEN finished_at IS NOT NULL THEN (CASE WHEN late_by_rule THEN 2 ELSE 0 END) END,
         CASE WHEN finished_as IS DISTINCT FROM 'RESOLVED' THEN NULL
              WHEN late_by_rule OR finished_at > due_at THEN 'LATE'
              WHEN (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                THEN 'EARLY'
              ELSE 'ON_TIME' END,
         CASE WHEN finished_as = 'RESOLVED' THEN round((speed * limit_days * 480)::numeric, 2) END,
         CASE WHEN r_pay < 0.5 THEN 'PAID_ONLINE' WHEN r_pay < 0.8 THEN 'PAID_AT_DESK' ELSE 'EXEMPT' END,
         received_at + interval '10 minutes',
         r_pay < 0.02, CASE WHEN finished_at IS NOT NULL THEN finished_at + interval '1 day' END,
         CASE WHEN r_doc < 0.5 THEN received_at + interval '5 minutes' END,
         CASE WHEN r_doc < 0.2 THEN received_at + interval '6 minutes' END,
         CASE WHEN finished_as = 'RESOLVED' AND r_result < 0.4 THEN finished_at END,
         CASE WHEN r_pay < 0.9 THEN 'MATCH' WHEN r_pay < 0.97 THEN 'MISMATCH' ELSE 'FAILED' END,
         received_at + interval '1 minute',
         CASE WHEN finished_at IS NOT NULL THEN finished_at + interval '1 day' END,
         received_at + interval '1 minute'
    FROM (
      SELECT *, CASE WHEN r_finish < 0.95 AND received_at + speed * limit_days * interval '1.4 days' < now()
                     THEN received_at + speed * limit_days * interval '1.4 days' END AS finished_at,
                CASE WHEN r_finish >= 0.95 OR received_at + speed * limit_days * interval '1.4 days' >= now() THEN NULL
                     WHEN r_kind < 0.88 THEN 'RESOLVED' WHEN r_kind < 0.93 THEN 'REJECTED'
                     WHEN r_kind < 0.97 THEN 'WITHDRAWN' ELSE 'STOPPED' END AS finished_as,
                received_at + limit_days * interval '1.4 days' AS due_at,
                r_rule < 0.03 AS late_by_rule,
                '000.00.' || dept || '.' || province AS agency_code,
                '000.00.' || dept || '.' || province || '-B' || lpad(i::text, 8, '0') AS code
        FROM (
          SELECT i,
                 (ARRAY['H49', 'H50', 'H51', 'H52'])[1 + i % 4] AS province,
                 lpad((1 + floor(random() * 12))::int::text, 2, '0') AS dept,
                 '1.' || lpad((1000 + floor(40 * power(random(), 2)))::int::text, 6, '0') AS procedure_code,
                 (ARRAY['ONLINE', 'ONLINE', 'ONLINE', 'DIRECT', 'DIRECT', 'POSTAL'])[1 + floor(random() * 6)::int]
                   AS channel,
                 timestamptz '2024-12-31 17:00:00+00' + random() * interval '669 days' AS received_at,
                 3 + floor(random() * 13)::int AS limit_days,
                 0.2 + 1.3 * random() AS speed,
                 random() AS r_finish, random() AS r_kind, random() AS r_rule, random() AS r_pay,
                 random() AS r_doc, random() AS r_result
            FROM generate_series($1::int, $2::int) i
        ) raw
    ) g`;

const LOG_SQL = `
  INSERT INTO dossier_status_log (code, event_id, at, status, due_at, late_by_rule, apologized, supplement_requests)
  SELECT code, 'start', received_at + interval '1 hour', 'PROCESSING', due_at, false, false, 0
    FROM dossier_fact WHERE NOT EXISTS (SELECT 1 FROM dossier_status_log l WHERE l.code = dossier_fact.code)
  UNION ALL
  SELECT code, 'finish', finished_at, finished_as, due_at, late_by_rule, apologized, supplement_requests
    FROM dossier_fact WHERE finished_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM dossier_status_log l WHERE l.code = dossier_fact.code)`;

const DOCUMENTS_SQL = `
  INSERT INTO document_fact (document_id, dossier_code, agency_code, agency_path, procedure_code, dossier_received_at,
    kind, origin, digitization_level, reused, stored_at, signature_indication, signature_verified_at,
    signature_first_verified_at)
  SELECT f.code || '/' || d.n, f.code, f.agency_code, f.agency_path, f.procedure_code, f.received_at,
         CASE d.n WHEN 1 THEN 'SUPPORTING' WHEN 2 THEN NULL ELSE 'RESULT' END,
         CASE d.n WHEN 1 THEN (CASE WHEN random() < 0.6 THEN 'SCANNED_PAPER' ELSE 'ELECTRONIC' END)
                  WHEN 3 THEN 'ELECTRONIC' END,
         CASE WHEN random() < 0.4 THEN 'SCAN_ONLY' ELSE 'STRUCTURED' END,
         d.n = 2,
         CASE d.n WHEN 1 THEN f.digitized_at WHEN 2 THEN f.reused_at ELSE f.electronic_result_at END,
         CASE WHEN d.n = 3 THEN (ARRAY['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_FAILED',
                                       'INDETERMINATE'])[1 + floor(random() * 5)::int] END,
         CASE WHEN d.n = 3 THEN f.electronic_result_at + interval '1 minute' END,
         CASE WHEN d.n = 3 THEN f.electronic_result_at + interval '1 minute' END
    FROM dossier_fact f
    CROSS JOIN LATERAL (VALUES (1), (2), (3)) d(n)
   WHERE CASE d.n WHEN 1 THEN f.digitized_at WHEN 2 THEN f.reused_at ELSE f.electronic_result_at END IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM document_fact x WHERE x.dossier_code = f.code)`;

// Every result with its time: the first of each, then later re-checks that replace some (a trust-store update turns
// indeterminate signatures into passes after 40 days; a failed registry check matches on retry 20 days later).
const HISTORY_SQL = `
  INSERT INTO signature_result (document_id, verification_id, dossier_code, indication, verified_at)
  SELECT document_id, 'v1', dossier_code, signature_indication, signature_verified_at
    FROM document_fact WHERE signature_verified_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  INSERT INTO signature_result (document_id, verification_id, dossier_code, indication, verified_at)
  SELECT document_id, 'v2', dossier_code, 'TOTAL_PASSED', verified_at + interval '40 days'
    FROM signature_result WHERE verification_id = 'v1' AND indication = 'INDETERMINATE'
     AND verified_at + interval '40 days' < now()
  ON CONFLICT DO NOTHING;
  UPDATE document_fact d SET signature_indication = s.indication, signature_verified_at = s.verified_at
    FROM signature_result s
   WHERE s.document_id = d.document_id AND s.verification_id = 'v2' AND d.signature_verified_at < s.verified_at;
  INSERT INTO applicant_check_result (dossier_code, event_id, outcome, checked_at)
  SELECT code, 'c1', applicant_check, applicant_checked_at FROM dossier_fact WHERE applicant_checked_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  INSERT INTO applicant_check_result (dossier_code, event_id, outcome, checked_at)
  SELECT dossier_code, 'c2', 'MATCH', checked_at + interval '20 days'
    FROM applicant_check_result WHERE event_id = 'c1' AND outcome = 'FAILED' AND checked_at + interval '20 days' < now()
  ON CONFLICT DO NOTHING;
  UPDATE dossier_fact f SET applicant_check = a.outcome, applicant_checked_at = a.checked_at
    FROM applicant_check_result a
   WHERE a.dossier_code = f.code AND a.event_id = 'c2' AND f.applicant_checked_at < a.checked_at;
  INSERT INTO feedback_result (dossier_code, event_id, satisfaction, complaint, recorded_at)
  SELECT code, 'f1', CASE WHEN complaint THEN 'UNSATISFIED' ELSE 'SATISFIED' END, complaint, feedback_at
    FROM dossier_fact WHERE feedback_at IS NOT NULL
  ON CONFLICT DO NOTHING`;

// What the projection adds to dossier_flow_month event by event, recomputed from the facts after each load.
const FLOWS_SQL = `
  TRUNCATE dossier_flow_month;
  INSERT INTO dossier_flow_month (agency_code, procedure_code, month, agency_path, received_online, received_other,
    resolved_early, resolved_on_time, resolved_late, refused, withdrawn, stopped, resolved_minutes, overdue_in,
    overdue_out)
  SELECT agency_code, procedure_code, month, min(agency_path),
         count(*) FILTER (WHERE kind = 'R' AND channel = 'ONLINE'),
         count(*) FILTER (WHERE kind = 'R' AND channel <> 'ONLINE'),
         count(*) FILTER (WHERE kind = 'EARLY'), count(*) FILTER (WHERE kind = 'ON_TIME'),
         count(*) FILTER (WHERE kind = 'LATE'), count(*) FILTER (WHERE kind = 'REJECTED'),
         count(*) FILTER (WHERE kind = 'WITHDRAWN'), count(*) FILTER (WHERE kind = 'STOPPED'),
         coalesce(sum(minutes), 0), count(*) FILTER (WHERE kind = 'IN'), count(*) FILTER (WHERE kind = 'OUT')
    FROM (SELECT agency_code, procedure_code, agency_path, channel, 'R' AS kind, NULL::numeric AS minutes,
                 date_trunc('month', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month
            FROM dossier_fact
          UNION ALL
          SELECT agency_code, procedure_code, agency_path, channel, coalesce(resolution, finished_as), processing_minutes,
                 date_trunc('month', finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            FROM dossier_fact WHERE finished_at IS NOT NULL
          UNION ALL
          -- Overdue from the deadline (or at once when late by rule) while processing, until finished.
          SELECT agency_code, procedure_code, agency_path, channel, t.kind, NULL,
                 date_trunc('month', t.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            FROM (SELECT *, CASE WHEN late_by_rule THEN received_at + interval '1 hour'
                                 ELSE greatest(received_at + interval '1 hour', due_at) END AS overdue_from
                    FROM dossier_fact) f
           CROSS JOIN LATERAL (VALUES ('IN', f.overdue_from), ('OUT', f.finished_at)) AS t(kind, at)
           WHERE (f.finished_at IS NULL OR f.overdue_from < f.finished_at) AND t.at IS NOT NULL) e
   GROUP BY agency_code, procedure_code, month`;

// The projection keeps dossier_digitization_month by before/after differences; in bulk it is the same sum.
const DIGITIZATION_SQL = `
  TRUNCATE dossier_digitization_month;
  INSERT INTO dossier_digitization_month
    (agency_code, procedure_code, received_month, fact_month, agency_path, ${DIGITIZATION_MEASURES.join(', ')})
  SELECT agency_code, procedure_code, received_month, fact_month, min(agency_path),
         ${DIGITIZATION_MEASURES.map((m) => `coalesce(sum(weight) FILTER (WHERE measure = '${m}'), 0)`).join(', ')}
    FROM (${contributionsSql('true')}) c
   GROUP BY agency_code, procedure_code, received_month, fact_month`;

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

const metrics = await startIsolatedService('metrics', { portBase: 4400 });
const metricsEnv = metrics.env;
const db = new pg.Client({ connectionString: metricsEnv.DATABASE_MIGRATION_URL });
await db.connect();
await db.query(`SET search_path TO ${metricsEnv.DATABASE_SCHEMA}`);
await db.query('SELECT setseed(0.766)');

try {
  const url = metrics.url;
  const token = await metrics.token('auditor', PROVINCE);
  const results = [];
  let loaded = 0;
  for (const size of sizes) {
    const t0 = performance.now();
    await db.query(FACTS_SQL, [loaded + 1, size]);
    await db.query(LOG_SQL);
    await db.query(DOCUMENTS_SQL);
    await db.query(HISTORY_SQL);
    await db.query(FLOWS_SQL);
    await db.query(DIGITIZATION_SQL);
    // Autovacuum's work on a live system: statistics, and the visibility map index-only scans rely on.
    await db.query(
      `VACUUM ANALYZE dossier_fact, dossier_status_log, document_fact, dossier_flow_month, dossier_digitization_month,
         signature_result, applicant_check_result, feedback_result`,
    );
    loaded = size;
    const {
      rows: [{ n }],
    } = await db.query(
      `SELECT count(*)::int AS n FROM dossier_fact WHERE agency_path LIKE 'H49.%'
          AND received_at >= '2024-12-31 17:00+00' AND received_at < '2025-12-31 17:00+00'`,
    );
    console.error(
      `bench: ${size} dossiers loaded in ${fmt((performance.now() - t0) / 1000)} s (H49 in 2025: ${n}); ${runs} runs per report ...`,
    );
    const perReport = {};
    for (const [name, path] of Object.entries(REPORTS)) {
      const latencies = [];
      for (let i = 0; i < runs + 3; i++) {
        const started = performance.now();
        const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
        if (i >= 3) latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      perReport[name] = { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
    }
    results.push({ size, provinceYear: n, perReport });
  }

  const first = results[0];
  const last = results.at(-1);
  const lines = [
    `metrics reports, province ${PROVINCE} over 2025 (closed year), ${runs} runs each after 3 warm-up; ms`,
    [
      'report'.padEnd(24),
      ...results.map((r) => `${r.size} (p50 / p95)`.padStart(26)),
      'p95 growth'.padStart(12),
    ].join(''),
  ];
  for (const name of Object.keys(REPORTS)) {
    lines.push(
      [
        name.padEnd(24),
        ...results.map((r) => `${fmt(r.perReport[name].p50)} / ${fmt(r.perReport[name].p95)}`.padStart(26)),
        `x${fmt(last.perReport[name].p95 / first.perReport[name].p95, 2)}`.padStart(12),
      ].join(''),
    );
  }
  lines.push(
    `dossiers x${fmt(last.size / first.size, 0)} (province-year ${first.provinceYear} -> ${last.provinceYear}); ` +
      `worst p95 at ${last.size}: ${fmt(Math.max(...Object.values(last.perReport).map((r) => r.p95)))} ms (target < 200 ms)`,
  );
  console.log(`\n${lines.join('\n')}`);
} finally {
  await db.end();
  if (values.keep) console.error(`bench: kept schema ${metricsEnv.DATABASE_SCHEMA}`);
  await metrics.cleanup({ keepSchema: values.keep });
}
