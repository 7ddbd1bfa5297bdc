import { ApiProperty } from '@nestjs/swagger';
import type { IndicatorScore, Measure } from '../indicators/indicator-formulas';
import type { DigitizationReport, DigitizationRow } from './digitization-report.service';
import { REPORT_GROUPINGS, type ReportGrouping } from './dto/report-query.dto';
import type { IndicatorsReport } from './indicators-report.service';
import type { OnlineConfirmationReport, OnlineConfirmationRow } from './online-confirmation-report.service';
import type { OverdueReason, OverdueReport, OverdueRow } from './overdue-report.service';
import type { SlaReport, SlaRow } from './sla-report.service';

const COUNT = { type: 'integer', minimum: 0 } as const;
const RATE = {
  type: 'number',
  nullable: true,
  minimum: 0,
  description: 'A share (0.25 = 25 %); null when the denominator is 0',
} as const;
const DATE_TIME = { type: String, format: 'date-time' } as const;
const DATE = { type: String, format: 'date', example: '2026-01-01' } as const;

/** What every report names: the scope, the period and the instant it is judged at. */
class ReportScopeResponse {
  @ApiProperty({ ...DATE_TIME, description: 'min(period end, now): the instant the report is judged at' })
  asOf: string;

  @ApiProperty(DATE)
  from: string;

  @ApiProperty({ ...DATE, example: '2026-03-31' })
  to: string;

  @ApiProperty({ example: '000.00.12.H49' })
  agencyCode: string;

  @ApiProperty({ type: String, nullable: true, example: '1.001193' })
  procedureCode: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['DIRECT', 'ONLINE', 'POSTAL'] })
  channel: string | null;
}

class SlaReceivedResponse {
  @ApiProperty(COUNT) total: number;
  @ApiProperty(COUNT) carriedOver: number;
  @ApiProperty(COUNT) online: number;
  @ApiProperty(COUNT) directOrPostal: number;
}

class SlaResolvedResponse {
  @ApiProperty(COUNT) total: number;
  @ApiProperty(COUNT) early: number;
  @ApiProperty(COUNT) onTime: number;
  @ApiProperty(COUNT) late: number;
}

class SlaNotResolvedResponse {
  @ApiProperty(COUNT) total: number;
  @ApiProperty(COUNT) refused: number;
  @ApiProperty(COUNT) withdrawn: number;
  @ApiProperty(COUNT) stopped: number;
}

class SlaInProgressResponse {
  @ApiProperty(COUNT) total: number;
  @ApiProperty(COUNT) withinDeadline: number;
  @ApiProperty(COUNT) overdue: number;
}

export class SlaRowResponse implements SlaRow {
  @ApiProperty({
    example: '000.00.12.H49',
    description: 'The group (agency, procedure or month), or "total"',
  })
  key: string;

  @ApiProperty({ type: SlaReceivedResponse }) received: SlaReceivedResponse;
  @ApiProperty({ type: SlaResolvedResponse }) resolved: SlaResolvedResponse;
  @ApiProperty({ type: SlaNotResolvedResponse }) notResolved: SlaNotResolvedResponse;
  @ApiProperty({ type: SlaInProgressResponse }) inProgress: SlaInProgressResponse;
  @ApiProperty(RATE) onTimeRate: number | null;

  @ApiProperty({ type: 'number', nullable: true, minimum: 0, description: 'Working days, pauses excluded' })
  avgProcessingDays: number | null;
}

/** The one-stop periodic report (received, resolved, in progress). */
export class SlaReportResponse extends ReportScopeResponse implements SlaReport {
  @ApiProperty({ enum: REPORT_GROUPINGS }) groupBy: ReportGrouping;
  @ApiProperty({ type: [SlaRowResponse] }) rows: SlaRowResponse[];
  @ApiProperty({ type: SlaRowResponse }) total: SlaRowResponse;
}

export class DigitizationRowResponse implements DigitizationRow {
  @ApiProperty({ example: '000.00.12.H49' }) key: string;
  @ApiProperty(COUNT) received: number;
  @ApiProperty(COUNT) withDigitizedComponents: number;
  @ApiProperty(COUNT) resolved: number;
  @ApiProperty(COUNT) withElectronicResult: number;
  @ApiProperty(RATE) electronicResultRate: number | null;
  @ApiProperty(COUNT) digitizedWithElectronicResult: number;
  @ApiProperty(RATE) digitizationRate: number | null;
  @ApiProperty(COUNT) withReusedComponents: number;
  @ApiProperty(RATE) reuseRate: number | null;
  @ApiProperty(COUNT) scannedDocuments: number;
  @ApiProperty(COUNT) scanOnlyDocuments: number;
  @ApiProperty(RATE) scanOnlyShare: number | null;
  @ApiProperty(COUNT) verifiedDocuments: number;
  @ApiProperty(COUNT) validSignatureDocuments: number;
  @ApiProperty(RATE) validSignatureRate: number | null;
  @ApiProperty(COUNT) applicantsMatched: number;
  @ApiProperty(COUNT) applicantsMismatched: number;
  @ApiProperty(COUNT) applicantChecksFailed: number;
}

/** Digitization, electronic results, reuse, scan-only share, signature validity. */
export class DigitizationReportResponse extends ReportScopeResponse implements DigitizationReport {
  @ApiProperty({ enum: REPORT_GROUPINGS }) groupBy: ReportGrouping;
  @ApiProperty({ type: [DigitizationRowResponse] }) rows: DigitizationRowResponse[];
  @ApiProperty({ type: DigitizationRowResponse }) total: DigitizationRowResponse;
}

export class OverdueRowResponse implements OverdueRow {
  @ApiProperty({ example: '000.00.12.H49-261127-0042' }) code: string;
  @ApiProperty({ example: '000.00.12.H49' }) agencyCode: string;
  @ApiProperty({ example: '1.001193' }) procedureCode: string;
  @ApiProperty({ enum: ['DIRECT', 'ONLINE', 'POSTAL'] }) channel: string;
  @ApiProperty({ example: 'PROCESSING', description: 'The status at the instant judged' }) status: string;
  @ApiProperty(DATE_TIME) receivedAt: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) dueAt: string | null;

  @ApiProperty({ type: 'number', minimum: 0, example: 2.5, description: 'Working days past the deadline' })
  overdueWorkingDays: number;

  @ApiProperty({ enum: ['PAST_DUE', 'APOLOGIZED', 'REPEATED_SUPPLEMENT'], isArray: true })
  reasons: OverdueReason[];
}

/** Dossiers overdue at min(period end, now), most overdue first, one page (all in CSV/XLSX). */
export class OverdueReportResponse extends ReportScopeResponse implements OverdueReport {
  @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) pageSize: number;
  @ApiProperty(COUNT) total: number;
  @ApiProperty({ type: [OverdueRowResponse] }) rows: OverdueRowResponse[];
}

class IndicatorFormulaVersionResponse {
  @ApiProperty({ example: '766-2022' }) version: string;
  @ApiProperty(DATE) effectiveFrom: string;
  @ApiProperty({ example: 'Quyết định 766/QĐ-TTg ngày 23/6/2022' }) source: string;
}

export class IndicatorScoreResponse implements IndicatorScore {
  @ApiProperty({ example: 'online-rate' }) id: string;
  @ApiProperty({ example: 'Tỷ lệ hồ sơ trực tuyến' }) nameVi: string;
  @ApiProperty({ example: 'Online dossier rate' }) nameEn: string;
  @ApiProperty({ type: 'number', minimum: 0 }) maxPoints: number;
  @ApiProperty({ type: 'number', minimum: 0 }) threshold: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'How the rate is computed' })
  formula: IndicatorScore['formula'];

  @ApiProperty({ type: 'number', nullable: true }) rate: number | null;
  @ApiProperty({ type: 'number', nullable: true }) points: number | null;
  @ApiProperty() measured: boolean;
}

/** Decision 766/QĐ-TTg indicators and points, with the formula version used. */
export class IndicatorsReportResponse extends ReportScopeResponse implements IndicatorsReport {
  @ApiProperty({ type: IndicatorFormulaVersionResponse }) formula: IndicatorFormulaVersionResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', minimum: 0 },
    description: 'Counts by measure',
  })
  measures: Record<Measure, number>;

  @ApiProperty({ type: [IndicatorScoreResponse] }) indicators: IndicatorScoreResponse[];
  @ApiProperty({ type: 'number', minimum: 0 }) points: number;
  @ApiProperty({ type: 'number', minimum: 0 }) maxPointsMeasured: number;
}

export class OnlineConfirmationRowResponse implements OnlineConfirmationRow {
  @ApiProperty({
    example: '000.00.12.H49',
    description: 'The group (agency, procedure or month), or "total"',
  })
  key: string;

  @ApiProperty({ ...COUNT, description: 'Online dossiers received in the period' }) received: number;
  @ApiProperty({ ...COUNT, description: 'Every round answered within 8 working hours' }) onTime: number;
  @ApiProperty({ ...COUNT, description: 'A round answered after its limit, or unanswered past it' })
  late: number;
  @ApiProperty({ ...COUNT, description: 'Waiting for an answer, the limit not yet passed' }) pending: number;
  @ApiProperty({ ...COUNT, description: 'Withdrawn before any answer, within the limit' })
  withdrawnUnanswered: number;
  @ApiProperty({ ...COUNT, description: 'No status change has reported the confirmation yet' })
  unreported: number;
  @ApiProperty({ ...COUNT, description: 'onTime + late: the denominator of the share' }) judged: number;
  @ApiProperty(RATE) onTimeShare: number | null;
}

/** Online dossiers confirmed within 8 working hours (Decree 45/2020), by group. */
export class OnlineConfirmationReportResponse
  extends ReportScopeResponse
  implements OnlineConfirmationReport
{
  @ApiProperty({ enum: REPORT_GROUPINGS }) groupBy: ReportGrouping;
  @ApiProperty({ type: [OnlineConfirmationRowResponse] }) rows: OnlineConfirmationRowResponse[];
  @ApiProperty({ type: OnlineConfirmationRowResponse }) total: OnlineConfirmationRowResponse;
}
