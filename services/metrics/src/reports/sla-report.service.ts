import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@motcua/auth';
import { vietnamDateOf, vietnamInstant } from '@motcua/calendar';
import { GroupedReportQueryDto, ReportGrouping } from './dto/report-query.dto';
import { monthsOf, ReportPeriod } from './report-period';
import {
  asOfFor,
  countsFromDossiers,
  MonthSplit,
  monthSplit,
  rate,
  reportHeading,
  ReportScope,
  resolveScope,
  round,
  WORKING_MINUTES_PER_DAY,
} from './report-scope';
import { inReportTransaction } from './report-query';
import { FACT_COLUMNS, LONGEST_OPEN_SQL, openAtSql, stateAtSql } from './state-at.sql';

export interface SlaRow {
  key: string;
  received: { total: number; carriedOver: number; online: number; directOrPostal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Left processing in the period without a result; received.total = resolved + notResolved + inProgress. */
  notResolved: { total: number; refused: number; withdrawn: number; stopped: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  /** (resolved early or on time + in progress within deadline) / (resolved + in progress). */
  onTimeRate: number | null;
  /** Working days on the clock, pauses excluded, over the dossiers resolved in the period. */
  avgProcessingDays: number | null;
}

export interface SlaReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  channel: string | null;
  groupBy: ReportGrouping;
  rows: SlaRow[];
  total: SlaRow;
}

interface SqlRow {
  key: string;
  /** The grand-total row of the grouping sets. */
  is_total: boolean;
  carried_over: number;
  online: number;
  direct_or_postal: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  overdue: number;
  minutes_sum: string | null;
}

/** Numbered SQL parameters, appended in the order the SQL text mentions them. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function conditionsOf(scope: ReportScope, params: Params, table = ''): string {
  let sql = '';
  if (scope.agencyPaths) sql += ` AND ${table}agency_path = ANY(${params.add(scope.agencyPaths)}::text[])`;
  else if (scope.pathPattern !== null)
    sql += ` AND ${table}agency_path LIKE ${params.add(scope.pathPattern)}`;
  if (scope.procedureCode !== null) sql += ` AND ${table}procedure_code = ${params.add(scope.procedureCode)}`;
  if (scope.channel !== null) sql += ` AND ${table}channel = ${params.add(scope.channel)}`;
  return sql;
}

/** The calendar months of a period, each with its bounds and the instant it is judged at. */
interface MonthBounds {
  keys: string[];
  starts: Date[];
  ends: Date[];
  asOfs: Date[];
}

const FINISHED_IN = (start: string, asOf: string) => `(finished_at >= ${start} AND finished_at < ${asOf})`;

/**
 * The exact report, from the dossiers themselves: those received in the period and those carried over (open at its
 * start). Each leaves processing in the period or is still open at the instant the period is judged at. By month,
 * each dossier is paired with every month it was open in and judged against that month's bounds, in one pass; the
 * grand total is then a pass over the whole period (a dossier open in two months counts once in it).
 */
function scanSql(
  keyExpression: string,
  scope: ReportScope,
  params: Params,
  since: Date,
  months?: MonthBounds,
): string {
  const start = params.add(scope.period.start);
  const end = params.add(scope.period.end);
  const startSince = params.add(since);
  let asOf = months ? '' : params.add(scope.asOf);
  const conditions = conditionsOf(scope, params, 'f.');
  let source = `
    SELECT ${FACT_COLUMNS} FROM dossier_fact f
     WHERE f.received_at >= ${start} AND f.received_at < ${end}${conditions}
    UNION ALL ${openAtSql(`${start}::timestamptz`, startSince, conditions)}`;
  let [from, grouping] = [start, `GROUPING SETS ((${keyExpression}), ())`];
  if (months) {
    const m = [months.keys, months.starts, months.ends, months.asOfs].map((v) => params.add(v));
    source = `
      SELECT p.*, m.key AS month_key, m.start_at AS month_start, m.as_of AS month_as_of
        FROM (${source}) p
        JOIN unnest(${m[0]}::text[], ${m[1]}::timestamptz[], ${m[2]}::timestamptz[], ${m[3]}::timestamptz[])
             AS m(key, start_at, end_at, as_of)
          ON p.received_at < m.end_at AND (p.finished_at IS NULL OR p.finished_at >= m.start_at)`;
    // Unqualified: each resolves to the row's own month wherever stateAtSql uses it.
    [keyExpression, from, asOf, grouping] = ['month_key', 'month_start', 'month_as_of', 'month_key'];
  }
  const finishedIn = FINISHED_IN(from, asOf);
  return `
    SELECT ${keyExpression} AS key, ${months ? 'false' : `grouping(${keyExpression}) = 1`} AS is_total,
           count(*) FILTER (WHERE received_at < ${from})::int AS carried_over,
           count(*) FILTER (WHERE received_at >= ${from} AND channel = 'ONLINE')::int AS online,
           count(*) FILTER (WHERE received_at >= ${from} AND channel <> 'ONLINE')::int AS direct_or_postal,
           count(*) FILTER (WHERE ${finishedIn} AND resolution = 'EARLY')::int AS resolved_early,
           count(*) FILTER (WHERE ${finishedIn} AND resolution = 'ON_TIME')::int AS resolved_on_time,
           count(*) FILTER (WHERE ${finishedIn} AND resolution = 'LATE')::int AS resolved_late,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'REJECTED')::int AS refused,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'WITHDRAWN')::int AS withdrawn,
           count(*) FILTER (WHERE ${finishedIn} AND finished_as = 'STOPPED')::int AS stopped,
           count(*) FILTER (WHERE overdue_at)::int AS overdue,
           sum(processing_minutes) FILTER (WHERE ${finishedIn} AND finished_as = 'RESOLVED') AS minutes_sum
      FROM (${stateAtSql(source, asOf)}) judged
     GROUP BY ${grouping}
     ORDER BY 2, 1`;
}

const FLOW_KEY: Record<ReportGrouping, string> = {
  agency: 'agency_code',
  procedure: 'procedure_code',
  month: `to_char(month, 'YYYY-MM')`,
};

/** Zero, not NULL, for a scope without any row (the grand-total row of no rows). */
const FLOW_SUMS = [
  ['received_online', 'online'],
  ['received_other', 'direct_or_postal'],
  ['resolved_early', 'resolved_early'],
  ['resolved_on_time', 'resolved_on_time'],
  ['resolved_late', 'resolved_late'],
  ['refused', 'refused'],
  ['withdrawn', 'withdrawn'],
  ['stopped', 'stopped'],
]
  .map(([column, name]) => `coalesce(sum(${column}), 0)::int AS ${name}`)
  .concat('sum(resolved_minutes) AS minutes_sum')
  .join(', ');

const NET_OPEN = `coalesce(sum(sign * (received_online + received_other - resolved_early - resolved_on_time
  - resolved_late - refused - withdrawn - stopped)), 0)::int`;

const FLOW_COLUMNS = `agency_code, procedure_code, month, received_online, received_other, resolved_early,
  resolved_on_time, resolved_late, refused, withdrawn, stopped, resolved_minutes`;

/**
 * Rows shaped like dossier_flow_month (and a sign): the table's months in [months.from, months.before), and each
 * edge (a partial month) counted from its dossiers as a row of its month: those received in it, and those finished
 * in it before the instant judged (dossier_fact_finished_scope_idx).
 */
function flowRowsSql(
  scope: ReportScope,
  params: Params,
  months: { from?: string; before: string },
  edges: { period: ReportPeriod; sign: number }[],
): string {
  const from = months.from ? ` AND month >= ${params.add(months.from)}::date` : '';
  const parts = [
    `SELECT ${FLOW_COLUMNS}, 1 AS sign FROM dossier_flow_month
      WHERE month < ${params.add(months.before)}::date${from}${conditionsOf(scope, params)}`,
  ];
  for (const { period, sign } of edges) {
    const month = params.add(`${period.from.slice(0, 7)}-01`);
    const start = params.add(period.start);
    const end = params.add(period.end);
    const finishedBefore = params.add(period.end < scope.asOf ? period.end : scope.asOf);
    const conditions = conditionsOf(scope, params, 'f.');
    const count = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
    parts.push(
      `SELECT f.agency_code, f.procedure_code, ${month}::date, ${count(`f.channel = 'ONLINE'`)},
              ${count(`f.channel <> 'ONLINE'`)}, 0, 0, 0, 0, 0, 0, 0::numeric, ${sign}
         FROM dossier_fact f
        WHERE f.received_at >= ${start} AND f.received_at < ${end}${conditions}`,
      `SELECT f.agency_code, f.procedure_code, ${month}::date, 0, 0, ${count(`f.resolution = 'EARLY'`)},
              ${count(`f.resolution = 'ON_TIME'`)}, ${count(`f.resolution = 'LATE'`)},
              ${count(`f.finished_as = 'REJECTED'`)}, ${count(`f.finished_as = 'WITHDRAWN'`)},
              ${count(`f.finished_as = 'STOPPED'`)},
              CASE WHEN f.finished_as = 'RESOLVED' THEN f.processing_minutes END, ${sign}
         FROM dossier_fact f
        WHERE f.finished_at >= ${start} AND f.finished_at < ${finishedBefore}${conditions}`,
    );
  }
  return parts.join('\n UNION ALL ');
}

type FlowRow = Omit<SqlRow, 'is_total' | 'carried_over' | 'overdue'>;

function toRow(row: SqlRow): SlaRow {
  const resolvedTotal = row.resolved_early + row.resolved_on_time + row.resolved_late;
  const notResolved = row.refused + row.withdrawn + row.stopped;
  const receivedTotal = row.carried_over + row.online + row.direct_or_postal;
  const inProgress = receivedTotal - resolvedTotal - notResolved;
  const withinDeadline = inProgress - row.overdue;
  return {
    key: row.key,
    received: {
      total: receivedTotal,
      carriedOver: row.carried_over,
      online: row.online,
      directOrPostal: row.direct_or_postal,
    },
    resolved: {
      total: resolvedTotal,
      early: row.resolved_early,
      onTime: row.resolved_on_time,
      late: row.resolved_late,
    },
    notResolved: {
      total: notResolved,
      refused: row.refused,
      withdrawn: row.withdrawn,
      stopped: row.stopped,
    },
    inProgress: { total: inProgress, withinDeadline, overdue: row.overdue },
    onTimeRate: rate(row.resolved_early + row.resolved_on_time + withinDeadline, resolvedTotal + inProgress),
    avgProcessingDays:
      resolvedTotal && row.minutes_sum !== null
        ? round(Number(row.minutes_sum) / resolvedTotal / WORKING_MINUTES_PER_DAY, 2)
        : null,
  };
}

const ZERO: Omit<SqlRow, 'key' | 'is_total'> = {
  carried_over: 0,
  online: 0,
  direct_or_postal: 0,
  resolved_early: 0,
  resolved_on_time: 0,
  resolved_late: 0,
  refused: 0,
  withdrawn: 0,
  stopped: 0,
  overdue: 0,
  minutes_sum: null,
};

@Injectable()
export class SlaReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(
    query: GroupedReportQueryDto,
    principal: Principal,
    now = new Date(),
    options: { scan?: boolean } = {},
  ): Promise<SlaReport> {
    const scope = resolveScope(query, principal, now);
    const groupBy = query.groupBy ?? 'agency';
    const { rows, total } = await inReportTransaction(this.dataSource, scope, async (manager, paths) =>
      this.compute(manager, paths, groupBy, now, options.scan ?? false),
    );
    return {
      ...reportHeading(scope),
      groupBy,
      rows: rows.map(toRow),
      total: toRow(total),
    };
  }

  /** The period's totals, for the indicators (inside the caller's report transaction). */
  async totals(manager: EntityManager, scope: ReportScope, now: Date, scan = false): Promise<SlaRow> {
    return toRow((await this.compute(manager, scope, 'agency', now, scan)).total);
  }

  private async compute(
    manager: EntityManager,
    scope: ReportScope,
    groupBy: ReportGrouping,
    now: Date,
    scan: boolean,
  ): Promise<{ rows: SqlRow[]; total: SqlRow }> {
    const [{ seconds }] = (await manager.query(LONGEST_OPEN_SQL)) as { seconds: number }[];
    const longest = seconds * 1000;
    const months = groupBy === 'month' ? this.monthBounds(scope.period, now) : undefined;
    const split = countsFromDossiers(scope, scan) ? null : monthSplit(scope.period, now);
    if (!split) {
      const run = async (key: string, m?: MonthBounds) => {
        const params = new Params();
        const since = new Date(scope.period.start.getTime() - longest);
        const result: SqlRow[] = await manager.query(scanSql(key, scope, params, since, m), params.values);
        return result;
      };
      if (months) {
        const found = new Map((await run('month_key', months)).map((r) => [r.key, r]));
        const [total] = (await run("'total'::text")).filter((r) => r.is_total);
        return {
          rows: months.keys.map((key) => found.get(key) ?? { key, is_total: false, ...ZERO }),
          total: { ...(total ?? { is_total: true, ...ZERO }), key: 'total' },
        };
      }
      const result = await run(groupBy === 'agency' ? 'agency_code' : 'procedure_code');
      return this.split(result);
    }
    return this.fromFlows(manager, scope, groupBy, longest, now, split, months);
  }

  /**
   * Flows and carried-over from dossier_flow_month for the full months, and from the dossiers for the partial months
   * at the edges (as if each were a monthly row); overdue from the overdue transitions or the open dossiers.
   */
  private async fromFlows(
    manager: EntityManager,
    scope: ReportScope,
    groupBy: ReportGrouping,
    longest: number,
    now: Date,
    split: MonthSplit,
    months?: MonthBounds,
  ): Promise<{ rows: SqlRow[]; total: SqlRow }> {
    const lastMonth = `${scope.period.to.slice(0, 7)}-01`;
    const key = FLOW_KEY[groupBy];
    const edges = [split.head, split.tail].flatMap((edge) => (edge ? [{ period: edge, sign: 1 }] : []));
    const flowParams = new Params();
    const flows: (FlowRow & { is_total: boolean })[] = await manager.query(
      `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total, ${FLOW_SUMS}
         FROM (${flowRowsSql(scope, flowParams, { from: split.firstMonth, before: split.endMonth }, edges)}) flow
        GROUP BY GROUPING SETS ((${key}), ())`,
      flowParams.values,
    );
    // Open at the start: open at the first full month, less what the head received and plus what it finished.
    const carriedParams = new Params();
    const carriedKey = groupBy === 'month' ? "'total'::text" : key;
    const head = split.head ? [{ period: split.head, sign: -1 }] : [];
    const carried: { key: string; is_total: boolean; open: number }[] = await manager.query(
      `SELECT ${carriedKey} AS key, grouping(${carriedKey}) = 1 AS is_total, ${NET_OPEN} AS open
         FROM (${flowRowsSql(scope, carriedParams, { before: split.firstMonth }, head)}) flow
        GROUP BY GROUPING SETS ((${carriedKey}), ())`,
      carriedParams.values,
    );
    const carriedAtStart = carried.find((r) => r.is_total)?.open ?? 0;
    const totalFlow = flows.find((r) => r.is_total);
    // A past month's end: the overdue transitions summed up to it. Now: the dossiers open now, one by one.
    const overdueAt = (asOf: Date, groupKey: string) =>
      isPastMonthEnd(asOf, now)
        ? this.overdueFromTransitions(manager, scope, vietnamDateOf(asOf), groupKey)
        : this.overdueAt(manager, scope, asOf, new Date(asOf.getTime() - longest), groupKey);
    const total = (overdue: Map<string, number>): SqlRow => ({
      ...ZERO,
      ...(totalFlow ?? {}),
      key: 'total',
      is_total: true,
      carried_over: carriedAtStart,
      overdue: overdue.get('total') ?? 0,
    });

    if (months) {
      const byMonth = new Map(flows.filter((r) => !r.is_total).map((r) => [r.key, r]));
      const past = months.asOfs.map((asOf) => isPastMonthEnd(asOf, now));
      const overdueByMonth = new Map([
        ...(past.some((p) => p) ? await this.overdueAtPastMonthEnds(manager, scope, lastMonth) : []),
        ...(past.some((p) => !p)
          ? await this.overdueAtMonthEnds(
              manager,
              scope,
              pick(months, (i) => !past[i]),
              longest,
            )
          : []),
      ]);
      let open = carriedAtStart;
      const rows: SqlRow[] = [];
      for (const monthKey of months.keys) {
        const flow = byMonth.get(monthKey) ?? { key: monthKey, ...ZERO };
        rows.push({
          ...ZERO,
          ...flow,
          key: monthKey,
          is_total: false,
          carried_over: open,
          overdue: overdueByMonth.get(monthKey) ?? 0,
        });
        open += flow.online + flow.direct_or_postal - finishedOf(flow);
      }
      return { rows, total: total(await overdueAt(scope.asOf, "'total'::text")) };
    }
    const overdue = await overdueAt(scope.asOf, key);
    const flowBy = new Map(flows.filter((r) => !r.is_total).map((r) => [r.key, r]));
    // A key with nothing carried over (all its earlier dossiers finished) and no flow has no dossier in the period.
    const carriedBy = new Map(carried.filter((r) => !r.is_total && r.open !== 0).map((r) => [r.key, r.open]));
    // A key has dossiers in the period when some were carried over or received; a row holding only overdue
    // transitions taken back (a deadline that fell after the dossier finished) is no dossier of the period.
    const keys = [...new Set([...flowBy.keys(), ...carriedBy.keys()])]
      .filter(
        (k) =>
          (carriedBy.get(k) ?? 0) + (flowBy.get(k)?.online ?? 0) + (flowBy.get(k)?.direct_or_postal ?? 0) > 0,
      )
      .sort((a, b) => (a < b ? -1 : 1));
    return {
      rows: keys.map((k) => ({
        ...ZERO,
        ...(flowBy.get(k) ?? {}),
        key: k,
        is_total: false,
        carried_over: carriedBy.get(k) ?? 0,
        overdue: overdue.get(k) ?? 0,
      })),
      total: total(overdue),
    };
  }

  /** Overdue dossiers at the start of `month` (YYYY-MM-01: the end of the month before), per key and in all. */
  private async overdueFromTransitions(
    manager: EntityManager,
    scope: ReportScope,
    month: string,
    key: string,
  ): Promise<Map<string, number>> {
    const params = new Params();
    const rows: { key: string; is_total: boolean; overdue: number }[] = await manager.query(
      `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total, sum(overdue_in - overdue_out)::int AS overdue
         FROM dossier_flow_month
        WHERE month < ${params.add(month)}::date ${conditionsOf(scope, params)}
        GROUP BY GROUPING SETS ((${key}), ())`,
      params.values,
    );
    return new Map(rows.map((r) => [r.is_total ? 'total' : r.key, r.overdue]));
  }

  /** Overdue dossiers at the end of every month up to `lastMonth` (keyed YYYY-MM), from the transitions. */
  private async overdueAtPastMonthEnds(
    manager: EntityManager,
    scope: ReportScope,
    lastMonth: string,
  ): Promise<[string, number][]> {
    const params = new Params();
    const rows: { month: string; overdue: number }[] = await manager.query(
      `SELECT to_char(month, 'YYYY-MM') AS month,
              (sum(sum(overdue_in - overdue_out)) OVER (ORDER BY month))::int AS overdue
         FROM dossier_flow_month
        WHERE month <= ${params.add(lastMonth)}::date ${conditionsOf(scope, params)}
        GROUP BY month`,
      params.values,
    );
    // A month without any row carries the sum of the month before.
    const result: [string, number][] = [];
    let last = 0;
    const byMonth = new Map(rows.map((r) => [r.month, r.overdue]));
    for (let month = rows[0]?.month; month && month <= lastMonth.slice(0, 7); month = nextMonth(month)) {
      last = byMonth.get(month) ?? last;
      result.push([month, last]);
    }
    return result;
  }

  /** Overdue dossiers at an instant per key, and in all ('total'). */
  private async overdueAt(
    manager: EntityManager,
    scope: ReportScope,
    asOf: Date,
    since: Date,
    key: string,
  ): Promise<Map<string, number>> {
    const params = new Params();
    const at = params.add(asOf);
    const source = openAtSql(`${at}::timestamptz`, params.add(since), conditionsOf(scope, params, 'f.'));
    const rows: { key: string; is_total: boolean; overdue: number }[] = await manager.query(
      `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total, count(*) FILTER (WHERE overdue_at)::int AS overdue
         FROM (${stateAtSql(source, `${at}::timestamptz`)}) judged
        GROUP BY GROUPING SETS ((${key}), ())`,
      params.values,
    );
    return new Map(rows.map((r) => [r.is_total ? 'total' : r.key, r.overdue]));
  }

  /** Overdue dossiers at each month's instant, in one query (one pair of index ranges per month). */
  private async overdueAtMonthEnds(
    manager: EntityManager,
    scope: ReportScope,
    months: MonthBounds,
    longest: number,
  ): Promise<Map<string, number>> {
    const params = new Params();
    const keys = params.add(months.keys);
    const asOfs = params.add(months.asOfs);
    const sinces = params.add(months.asOfs.map((asOf) => new Date(asOf.getTime() - longest)));
    const open = openAtSql('m.as_of', 'm.since', conditionsOf(scope, params, 'f.'));
    const source = `
      SELECT src.*, m.key AS month_key, m.as_of AS month_as_of
        FROM unnest(${keys}::text[], ${asOfs}::timestamptz[], ${sinces}::timestamptz[]) AS m(key, as_of, since)
       CROSS JOIN LATERAL (${open}) src`;
    // month_as_of unqualified: it resolves to the row's own month wherever stateAtSql uses it.
    const rows: { key: string; overdue: number }[] = await manager.query(
      `SELECT month_key AS key, count(*) FILTER (WHERE overdue_at)::int AS overdue
         FROM (${stateAtSql(source, 'month_as_of')}) judged
        GROUP BY month_key`,
      params.values,
    );
    return new Map(rows.map((r) => [r.key, r.overdue]));
  }

  private monthBounds(period: ReportPeriod, now: Date): MonthBounds {
    const periods = monthsOf(period);
    return {
      keys: periods.map((m) => m.from.slice(0, 7)),
      starts: periods.map((m) => m.start),
      ends: periods.map((m) => m.end),
      asOfs: periods.map((m) => asOfFor(m, now)),
    };
  }

  private split(result: SqlRow[]): { rows: SqlRow[]; total: SqlRow } {
    return {
      rows: result.filter((row) => !row.is_total).sort((a, b) => (a.key < b.key ? -1 : 1)),
      total: { ...(result.find((row) => row.is_total) ?? { is_total: true, ...ZERO }), key: 'total' },
    };
  }
}

/** A month's end (Vietnam midnight of a 1st) that has passed: judged from the overdue transitions. */
function isPastMonthEnd(instant: Date, now: Date): boolean {
  const day = vietnamDateOf(instant);
  return day.endsWith('-01') && vietnamInstant(day).getTime() === instant.getTime() && instant <= now;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function pick(months: MonthBounds, keep: (i: number) => boolean): MonthBounds {
  const indexes = months.keys.map((_, i) => i).filter(keep);
  return {
    keys: indexes.map((i) => months.keys[i]),
    starts: indexes.map((i) => months.starts[i]),
    ends: indexes.map((i) => months.ends[i]),
    asOfs: indexes.map((i) => months.asOfs[i]),
  };
}

function finishedOf(flow: FlowRow): number {
  return (
    flow.resolved_early +
    flow.resolved_on_time +
    flow.resolved_late +
    flow.refused +
    flow.withdrawn +
    flow.stopped
  );
}
