import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@motcua/auth';
import { GroupedReportQueryDto, ReportGrouping } from './dto/report-query.dto';
import { inReportTransaction } from './report-query';
import { vietnamInstant } from '@motcua/calendar';
import { firstOfNextMonth } from './report-period';
import {
  countsFromDossiers,
  MonthSplit,
  monthSplit,
  rate,
  reportHeading,
  ReportScope,
  resolveScope,
  scopeConditions,
} from './report-scope';
import { DOCUMENT_MEASURES, RECEIVED_MEASURES } from '../facts/digitization-contributions';

export interface DigitizationRow {
  key: string;
  /** Dossiers received in the period. */
  received: number;
  withDigitizedComponents: number;
  /** Received in the period and resolved by the instant the report is judged at. */
  resolved: number;
  withElectronicResult: number;
  /** withElectronicResult / resolved. */
  electronicResultRate: number | null;
  digitizedWithElectronicResult: number;
  /** Dossiers with digitized components and an electronic result / received (Decision 766). */
  digitizationRate: number | null;
  withReusedComponents: number;
  /** Dossiers with at least one component reused from the e-record store / received. */
  reuseRate: number | null;
  /** Paper documents scanned, and of them those kept as an image only (no extracted data). */
  scannedDocuments: number;
  scanOnlyDocuments: number;
  scanOnlyShare: number | null;
  /** Documents whose signatures were verified, and of them those that passed (the latest verification before the instant judged). */
  verifiedDocuments: number;
  validSignatureDocuments: number;
  validSignatureRate: number | null;
  /** Registry checks of the applicants. */
  applicantsMatched: number;
  applicantsMismatched: number;
  applicantChecksFailed: number;
}

export interface DigitizationReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  channel: string | null;
  groupBy: ReportGrouping;
  rows: DigitizationRow[];
  total: DigitizationRow;
}

/** Measures over the dossiers received in a period, each fact counted only if it happened before `asOf` ($3). */
export interface ReceivedMeasures {
  key: string;
  is_total: boolean;
  received: number;
  online: number;
  with_digitized: number;
  resolved: number;
  with_e_result: number;
  digitized_with_e_result: number;
  with_reused: number;
  fee_bearing: number;
  paid_online: number;
  complaints: number;
  applicants_matched: number;
  applicants_mismatched: number;
  applicant_checks_failed: number;
}

interface DocumentMeasures {
  key: string;
  is_total: boolean;
  scanned: number;
  scan_only: number;
  verified: number;
  valid: number;
}

const dossierKey: Record<ReportGrouping, string> = {
  agency: 'agency_code',
  procedure: 'procedure_code',
  month: `to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
};
const documentKey: Record<ReportGrouping, string> = {
  agency: 'agency_code',
  procedure: 'procedure_code',
  month: `to_char(dossier_received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
};

const monthKey: Record<ReportGrouping | 'total', string> = {
  agency: 'agency_code',
  procedure: 'procedure_code',
  month: `to_char(received_month, 'YYYY-MM')`,
  total: "'total'::text",
};

/** Agencies (paths) of a full month of the period with facts in its partial last month. */
interface LateMonth {
  month: string;
  paths: string[];
}

/** Found once per report (per scope object), for the dossier and the document measures alike. */
const lateMonthsFound = new WeakMap<ReportScope, Promise<LateMonth[]>>();

function lateMonths(manager: EntityManager, scope: ReportScope, split: MonthSplit): Promise<LateMonth[]> {
  let found = lateMonthsFound.get(scope);
  if (!found) {
    const params: unknown[] = [split.firstMonth, split.endMonth];
    found = manager
      .query(
        `SELECT to_char(received_month, 'YYYY-MM-DD') AS month, array_agg(DISTINCT agency_path) AS paths
           FROM dossier_digitization_month
          WHERE received_month >= $1::date AND received_month < $2::date AND fact_month = $2::date
                ${scopeConditions(scope, params)}
          GROUP BY received_month ORDER BY received_month`,
        params,
      )
      .then((rows: { month: string; paths: string[] }[]) =>
        rows.map((r) => ({ month: r.month, paths: [...r.paths].sort() })),
      );
    lateMonthsFound.set(scope, found);
  }
  return found;
}

/**
 * Measures from dossier_digitization_month for the dossiers received in the full months of the period, and from the
 * dossiers themselves for those received in its partial months at each edge. A closed period counts a fact only if
 * it happened before the instant judged: from the table, those in months before the period's last month (or before
 * its partial last month); the agencies of a full month with facts in that partial month, found from the table's
 * rows for it, have that month counted from the dossiers.
 */
async function fromMonths<T extends { key: string; is_total: boolean }>(
  manager: EntityManager,
  scope: ReportScope,
  grouping: ReportGrouping | 'total',
  measures: readonly string[],
  now: Date,
  scanned: (scope: ReportScope) => Promise<T[]>,
): Promise<T[]> {
  const split = monthSplit(scope.period, now);
  if (!split) return scanned(scope);
  const closed = scope.period.end.getTime() <= now.getTime();
  const late = split.tail ? await lateMonths(manager, scope, split) : [];
  const params: unknown[] = [split.firstMonth, split.endMonth];
  const facts = closed ? ' AND fact_month < $2::date' : '';
  let scannedApart = '';
  if (late.length) {
    params.push(late.flatMap(({ month, paths }) => paths.map((path) => `${month}|${path}`)));
    scannedApart = ` AND NOT (received_month::text || '|' || agency_path) = ANY($${params.length}::text[])`;
  }
  const conditions = scopeConditions(scope, params);
  const key = monthKey[grouping];
  const sums = measures.map((m) => `coalesce(sum(${m}), 0)::int AS ${m}`).join(', ');
  const parts: T[][] = [
    await manager.query(
      `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total, ${sums}
         FROM dossier_digitization_month
        WHERE received_month >= $1::date AND received_month < $2::date${facts}${scannedApart}${conditions}
        GROUP BY GROUPING SETS ((${key}), ())`,
      params,
    ),
  ];
  // Ranges of dossiers to count: the edges with the scope's agencies, the late months with theirs; adjacent ranges
  // of the same agencies are read as one.
  const scopePaths = scope.agencyPaths ? [...scope.agencyPaths].sort() : null;
  const ranges: { paths: string[] | null; start: Date; end: Date }[] = [];
  const add = (paths: string[] | null, start: Date, end: Date) => {
    const last = ranges.at(-1);
    if (
      last &&
      last.end.getTime() === start.getTime() &&
      JSON.stringify(last.paths) === JSON.stringify(paths)
    ) {
      last.end = end;
    } else ranges.push({ paths, start, end });
  };
  if (split.head) add(scopePaths, split.head.start, split.head.end);
  for (const { month, paths } of late) {
    add(paths, vietnamInstant(month), vietnamInstant(firstOfNextMonth(month)));
  }
  if (split.tail) add(scopePaths, split.tail.start, split.tail.end);
  for (const { paths, start, end } of ranges) {
    parts.push(await scanned({ ...scope, agencyPaths: paths, period: { ...scope.period, start, end } }));
  }
  return sumByKey(parts, measures);
}

/** Adds up measure rows by key, the totals apart. */
function sumByKey<T extends { key: string; is_total: boolean }>(
  parts: T[][],
  measures: readonly string[],
): T[] {
  const sums = new Map<string, Record<string, unknown>>();
  const zero = (key: string, isTotal: boolean) =>
    Object.fromEntries([['key', key], ['is_total', isTotal], ...measures.map((m) => [m, 0])]);
  sums.set('\u0000total', zero('total', true));
  for (const row of parts.flat()) {
    const id = row.is_total ? '\u0000total' : row.key;
    const sum = sums.get(id) ?? zero(row.key, false);
    for (const m of measures) sum[m] = (sum[m] as number) + (row as unknown as Record<string, number>)[m];
    sums.set(id, sum);
  }
  return [...sums.values()] as T[];
}

/** Measures of the dossiers received in the period, per key and in all (is_total). */
export function receivedMeasures(
  manager: EntityManager,
  scope: ReportScope,
  grouping: ReportGrouping | 'total',
  now: Date,
  scan = false,
): Promise<ReceivedMeasures[]> {
  const scanned = (s: ReportScope) =>
    receivedMeasuresScanned(manager, s, grouping === 'total' ? "'total'::text" : dossierKey[grouping]);
  return countsFromDossiers(scope, scan)
    ? scanned(scope)
    : fromMonths(manager, scope, grouping, RECEIVED_MEASURES, now, scanned);
}

function documentMeasures(
  manager: EntityManager,
  scope: ReportScope,
  grouping: ReportGrouping,
  now: Date,
  scan: boolean,
): Promise<DocumentMeasures[]> {
  const scanned = (s: ReportScope) => documentMeasuresScanned(manager, s, documentKey[grouping]);
  return countsFromDossiers(scope, scan)
    ? scanned(scope)
    : fromMonths(manager, scope, grouping, DOCUMENT_MEASURES, now, scanned);
}

/**
 * The applicant check and the complaint as they stood at the instant judged ($3): the latest result unless it came
 * later; then, if the first came before (a re-check after the instant), the one in force then is looked up by key.
 */
const APPLICANT_THEN = `CASE WHEN applicant_checked_at < $3 THEN applicant_check
  WHEN applicant_first_checked_at < $3 THEN
    (SELECT a.outcome FROM applicant_check_result a WHERE a.dossier_code = dossier_fact.code AND a.checked_at < $3
      ORDER BY a.checked_at DESC, a.event_id DESC LIMIT 1) END`;
const COMPLAINT_THEN = `CASE WHEN feedback_at < $3 THEN complaint
  WHEN feedback_first_at < $3 THEN
    (SELECT r.complaint FROM feedback_result r WHERE r.dossier_code = dossier_fact.code AND r.recorded_at < $3
      ORDER BY r.recorded_at DESC, r.event_id DESC LIMIT 1) END`;
/** The signature result of a document at the instant judged, likewise ('UNSIGNED' for a report on an unsigned file). */
const SIGNATURE_THEN = `CASE WHEN signature_verified_at < $3
    THEN CASE WHEN coalesce(signature_count, 1) > 0 THEN signature_indication ELSE 'UNSIGNED' END
  WHEN signature_first_verified_at < $3 THEN
    (SELECT CASE WHEN coalesce(r.signature_count, 1) > 0 THEN r.indication ELSE 'UNSIGNED' END
       FROM signature_result r WHERE r.document_id = document_fact.document_id AND r.verified_at < $3
      ORDER BY r.verified_at DESC, r.verification_id DESC LIMIT 1) END`;

/** The same measures from the dossiers themselves: any period. */
async function receivedMeasuresScanned(
  manager: EntityManager,
  scope: ReportScope,
  keyExpression: string,
): Promise<ReceivedMeasures[]> {
  const params: unknown[] = [scope.period.start, scope.period.end, scope.asOf];
  const conditions = scopeConditions(scope, params);
  const resolved = `finished_as = 'RESOLVED' AND finished_at < $3`;
  return manager.query(
    `SELECT ${keyExpression} AS key, grouping(${keyExpression}) = 1 AS is_total,
            count(*)::int AS received,
            count(*) FILTER (WHERE channel = 'ONLINE')::int AS online,
            count(*) FILTER (WHERE digitized_at < $3)::int AS with_digitized,
            count(*) FILTER (WHERE ${resolved})::int AS resolved,
            count(*) FILTER (WHERE ${resolved} AND electronic_result_at < $3)::int AS with_e_result,
            count(*) FILTER (WHERE digitized_at < $3 AND electronic_result_at < $3)::int AS digitized_with_e_result,
            count(*) FILTER (WHERE reused_at < $3)::int AS with_reused,
            count(*) FILTER (WHERE payment_status IN ('PAID_ONLINE', 'PAID_AT_DESK') AND paid_at < $3)::int
              AS fee_bearing,
            count(*) FILTER (WHERE payment_status = 'PAID_ONLINE' AND paid_at < $3)::int AS paid_online,
            count(*) FILTER (WHERE complaint_then)::int AS complaints,
            count(*) FILTER (WHERE applicant_then = 'MATCH')::int AS applicants_matched,
            count(*) FILTER (WHERE applicant_then = 'MISMATCH')::int AS applicants_mismatched,
            count(*) FILTER (WHERE applicant_then = 'FAILED')::int AS applicant_checks_failed
       FROM dossier_fact
      CROSS JOIN LATERAL (SELECT ${APPLICANT_THEN} AS applicant_then, ${COMPLAINT_THEN} AS complaint_then) t
      WHERE received_at >= $1 AND received_at < $2${conditions}
      GROUP BY GROUPING SETS ((${keyExpression}), ()) ORDER BY 2, 1`,
    params,
  );
}

async function documentMeasuresScanned(
  manager: EntityManager,
  scope: ReportScope,
  keyExpression: string,
): Promise<DocumentMeasures[]> {
  const params: unknown[] = [scope.period.start, scope.period.end, scope.asOf];
  const conditions = scopeConditions(scope, params, {
    path: 'agency_path',
    procedure: 'procedure_code',
    channel: '(SELECT d.channel FROM dossier_fact d WHERE d.code = document_fact.dossier_code)',
  });
  // Documents current at the instant (not yet superseded by a correction); unsigned files are not verifications.
  const current = `(superseded_at IS NULL OR superseded_at >= $3)`;
  const scanned = `origin = 'SCANNED_PAPER' AND NOT reused AND stored_at < $3 AND ${current}`;
  const verified = `signature_then <> 'UNSIGNED' AND ${current}`;
  return manager.query(
    `SELECT ${keyExpression} AS key, grouping(${keyExpression}) = 1 AS is_total,
            count(*) FILTER (WHERE ${scanned})::int AS scanned,
            count(*) FILTER (WHERE ${scanned} AND digitization_level = 'SCAN_ONLY')::int AS scan_only,
            count(*) FILTER (WHERE ${verified})::int AS verified,
            count(*) FILTER (WHERE ${verified} AND signature_then = 'TOTAL_PASSED')::int AS valid
       FROM document_fact
      CROSS JOIN LATERAL (SELECT ${SIGNATURE_THEN} AS signature_then) t
      WHERE dossier_received_at >= $1 AND dossier_received_at < $2${conditions}
        AND kind IS DISTINCT FROM 'FORM' -- the agency's own forms are not digitized documents
      GROUP BY GROUPING SETS ((${keyExpression}), ()) ORDER BY 2, 1`,
    params,
  );
}

function toRow(
  key: string,
  d: ReceivedMeasures | undefined,
  doc: DocumentMeasures | undefined,
): DigitizationRow {
  const m = d ?? ({} as Partial<ReceivedMeasures>);
  const n = (value: number | undefined) => value ?? 0;
  const scanned = n(doc?.scanned);
  const verified = n(doc?.verified);
  return {
    key,
    received: n(m.received),
    withDigitizedComponents: n(m.with_digitized),
    resolved: n(m.resolved),
    withElectronicResult: n(m.with_e_result),
    electronicResultRate: rate(n(m.with_e_result), n(m.resolved)),
    digitizedWithElectronicResult: n(m.digitized_with_e_result),
    digitizationRate: rate(n(m.digitized_with_e_result), n(m.received)),
    withReusedComponents: n(m.with_reused),
    reuseRate: rate(n(m.with_reused), n(m.received)),
    scannedDocuments: scanned,
    scanOnlyDocuments: n(doc?.scan_only),
    scanOnlyShare: rate(n(doc?.scan_only), scanned),
    verifiedDocuments: verified,
    validSignatureDocuments: n(doc?.valid),
    validSignatureRate: rate(n(doc?.valid), verified),
    applicantsMatched: n(m.applicants_matched),
    applicantsMismatched: n(m.applicants_mismatched),
    applicantChecksFailed: n(m.applicant_checks_failed),
  };
}

/**
 * Digitization of the dossiers received in the period: digitized components, electronic results, reuse of the
 * e-record store, scan-only share and signature validity. Facts after the period's end do not count, so a closed
 * period keeps its numbers.
 */
@Injectable()
export class DigitizationReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(
    query: GroupedReportQueryDto,
    principal: Principal,
    now = new Date(),
    options: { scan?: boolean } = {},
  ): Promise<DigitizationReport> {
    const scope = resolveScope(query, principal, now);
    const groupBy = query.groupBy ?? 'agency';
    const [dossierMeasures, documentMeasuresRows] = await inReportTransaction(
      this.dataSource,
      scope,
      async (manager, paths) =>
        [
          await receivedMeasures(manager, paths, groupBy, now, options.scan),
          await documentMeasures(manager, paths, groupBy, now, options.scan ?? false),
        ] as const,
    );
    const dossiers = new Map(dossierMeasures.filter((r) => !r.is_total).map((r) => [r.key, r]));
    const documents = new Map(documentMeasuresRows.filter((r) => !r.is_total).map((r) => [r.key, r]));
    const keys = [...new Set([...dossiers.keys(), ...documents.keys()])].sort();
    return {
      ...reportHeading(scope),
      groupBy,
      rows: keys.map((key) => toRow(key, dossiers.get(key), documents.get(key))),
      total: toRow(
        'total',
        dossierMeasures.find((r) => r.is_total),
        documentMeasuresRows.find((r) => r.is_total),
      ),
    };
  }
}
