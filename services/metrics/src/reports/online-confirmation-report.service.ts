import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { GroupedReportQueryDto, ReportGrouping } from './dto/report-query.dto';
import { monthsOf } from './report-period';
import { inReportTransaction } from './report-query';
import { rate, reportHeading, resolveScope, scopeConditions } from './report-scope';

/**
 * The 8-working-hour confirmation of the online dossiers received in the period (Decree 45/2020, DOMAIN.md §4), each
 * judged as intake last reported it before the instant the report is judged at.
 */
export interface OnlineConfirmationRow {
  key: string;
  /** Online dossiers received in the period: onTime + late + pending + withdrawnUnanswered + unreported. */
  received: number;
  /** Every round (arrival, and each return to SUBMITTED after a supplement) answered within 8 working hours. */
  onTime: number;
  /** A round answered after its limit, or still unanswered past it. */
  late: number;
  /** Waiting for an answer, its limit not yet passed. */
  pending: number;
  /** Withdrawn by the applicant before any answer, within the limit: no round to judge. */
  withdrawnUnanswered: number;
  /** No status change has reported the confirmation yet (untouched since arrival, or events older than the field). */
  unreported: number;
  /** The denominator of the share: onTime + late (pending, withdrawn unanswered and unreported are not judged). */
  judged: number;
  /** onTime / judged; null when nothing was judged. */
  onTimeShare: number | null;
}

export interface OnlineConfirmationReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  channel: string | null;
  groupBy: ReportGrouping;
  rows: OnlineConfirmationRow[];
  total: OnlineConfirmationRow;
}

/** Counts of one group, as the query gives them. */
export interface ConfirmationCounts {
  key: string;
  on_time: number;
  late: number;
  pending: number;
  withdrawn_unanswered: number;
  unreported: number;
}

export function confirmationRow(counts: ConfirmationCounts): OnlineConfirmationRow {
  const judged = counts.on_time + counts.late;
  return {
    key: counts.key,
    received: judged + counts.pending + counts.withdrawn_unanswered + counts.unreported,
    onTime: counts.on_time,
    late: counts.late,
    pending: counts.pending,
    withdrawnUnanswered: counts.withdrawn_unanswered,
    unreported: counts.unreported,
    judged,
    onTimeShare: rate(counts.on_time, judged),
  };
}

const EMPTY = { on_time: 0, late: 0, pending: 0, withdrawn_unanswered: 0, unreported: 0 };

const KEY: Record<ReportGrouping, string> = {
  agency: 'agency_code',
  procedure: 'procedure_code',
  month: `to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
};

@Injectable()
export class OnlineConfirmationReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(
    query: GroupedReportQueryDto,
    principal: Principal,
    now = new Date(),
  ): Promise<OnlineConfirmationReport> {
    const scope = resolveScope(query, principal, now);
    const groupBy = query.groupBy ?? 'agency';
    const found = await inReportTransaction(this.dataSource, scope, async (manager, paths) => {
      const params: unknown[] = [scope.period.start, scope.period.end, scope.asOf];
      const conditions = scopeConditions(paths, params, {
        path: 'f.agency_path',
        procedure: 'f.procedure_code',
        channel: 'f.channel',
      });
      const key = KEY[groupBy];
      // The fact holds the latest confirmation; one reported after the instant judged gives way to the one before
      // it in the status log. A PENDING round whose limit passed by then is late, as intake judges it.
      const rows: (ConfirmationCounts & { is_total: boolean })[] = await manager.query(
        `SELECT ${key} AS key, grouping(${key}) = 1 AS is_total,
                count(*) FILTER (WHERE outcome = 'ON_TIME')::int AS on_time,
                count(*) FILTER (WHERE outcome = 'LATE' OR (outcome = 'PENDING' AND due_at < $3))::int AS late,
                count(*) FILTER (WHERE outcome = 'PENDING' AND due_at >= $3)::int AS pending,
                count(*) FILTER (WHERE outcome = 'NONE')::int AS withdrawn_unanswered,
                count(*) FILTER (WHERE outcome IS NULL)::int AS unreported
           FROM (SELECT f.agency_code, f.procedure_code, f.received_at,
                        CASE WHEN f.online_confirmation_at <= $3 THEN f.online_confirmation_outcome
                             ELSE l.confirmation_outcome END AS outcome,
                        CASE WHEN f.online_confirmation_at <= $3 THEN f.online_confirmation_due_at
                             ELSE l.confirmation_due_at END AS due_at
                   FROM dossier_fact f
                   LEFT JOIN LATERAL (
                        SELECT s.confirmation_outcome, s.confirmation_due_at FROM dossier_status_log s
                         WHERE f.online_confirmation_at > $3 AND s.code = f.code AND s.at <= $3
                           AND s.confirmation_outcome IS NOT NULL
                         ORDER BY s.at DESC, s.event_id DESC LIMIT 1) l ON true
                  WHERE f.channel = 'ONLINE' AND f.received_at >= $1 AND f.received_at < $2${conditions}) judged
          GROUP BY GROUPING SETS ((${key}), ())
          ORDER BY 2, 1`,
        params,
      );
      return rows;
    });
    const groups = found.filter((r) => !r.is_total).sort((a, b) => (a.key < b.key ? -1 : 1));
    const total = found.find((r) => r.is_total) ?? { key: 'total', ...EMPTY };
    const rows =
      groupBy === 'month'
        ? monthsOf(scope.period).map((m) => {
            const month = m.from.slice(0, 7);
            return groups.find((r) => r.key === month) ?? { key: month, ...EMPTY };
          })
        : groups;
    return {
      ...reportHeading(scope),
      groupBy,
      rows: rows.map(confirmationRow),
      total: confirmationRow({ ...total, key: 'total' }),
    };
  }
}
