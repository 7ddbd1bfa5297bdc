import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import {
  formulaVersionFor,
  IndicatorScore,
  Measure,
  scoreIndicators,
} from '../indicators/indicator-formulas';
import { receivedMeasures } from './digitization-report.service';
import { ReportQueryDto } from './dto/report-query.dto';
import { inReportTransaction } from './report-query';
import { reportHeading, resolveScope, round } from './report-scope';
import { SlaReportService } from './sla-report.service';

export interface IndicatorsReport {
  asOf: string;
  from: string;
  to: string;
  agencyCode: string;
  procedureCode: string | null;
  channel: string | null;
  formula: { version: string; effectiveFrom: string; source: string };
  measures: Record<Measure, number>;
  indicators: IndicatorScore[];
  /** Points over the measured indicators, out of maxPointsMeasured (the total is 100 with those not measured). */
  points: number;
  maxPointsMeasured: number;
}

/** Decision 766 indicators and points for a scope and period, from the formula version in force at its end. */
@Injectable()
export class IndicatorsReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sla: SlaReportService,
  ) {}

  async report(
    query: ReportQueryDto,
    principal: Principal,
    now = new Date(),
    options: { scan?: boolean } = {},
  ): Promise<IndicatorsReport> {
    const scope = resolveScope(query, principal, now);
    const version = formulaVersionFor(scope.period.to);
    if (!version) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'no-indicator-formula',
        localized(
          `No indicator formula is in force on ${scope.period.to}.`,
          `Không có công thức chỉ số nào có hiệu lực vào ngày ${scope.period.to}.`,
        ),
      );
    }
    const [sla, received] = await inReportTransaction(this.dataSource, scope, async (manager, paths) => [
      await this.sla.totals(manager, paths, now, options.scan),
      (await receivedMeasures(manager, paths, 'total', now, options.scan)).find((r) => r.is_total),
    ]);
    const measures: Record<Measure, number> = {
      processed: sla.resolved.total + sla.inProgress.total,
      onTime: sla.resolved.early + sla.resolved.onTime + sla.inProgress.withinDeadline,
      late: sla.resolved.late + sla.inProgress.overdue,
      received: received?.received ?? 0,
      receivedOnline: received?.online ?? 0,
      feeBearing: received?.fee_bearing ?? 0,
      paidOnline: received?.paid_online ?? 0,
      resolvedReceived: received?.resolved ?? 0,
      withElectronicResult: received?.with_e_result ?? 0,
      digitizedWithElectronicResult: received?.digitized_with_e_result ?? 0,
      withReusedComponents: received?.with_reused ?? 0,
      complaints: received?.complaints ?? 0,
    };
    const indicators = scoreIndicators(version, measures);
    const measured = indicators.filter((i) => i.measured);
    return {
      ...reportHeading(scope),
      formula: { version: version.version, effectiveFrom: version.effectiveFrom, source: version.source },
      measures,
      indicators,
      points: round(
        measured.reduce((sum, i) => sum + (i.points ?? 0), 0),
        2,
      ),
      maxPointsMeasured: measured.reduce((sum, i) => sum + i.maxPoints, 0),
    };
  }
}
