import { applyDecorators, Controller, Get, Headers, Query, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { DigitizationReportService } from './digitization-report.service';
import { GroupedReportQueryDto, OverdueReportQueryDto, ReportQueryDto } from './dto/report-query.dto';
import { negotiateFormat, sendReport } from './export/report-exporter';
import {
  digitizationTable,
  indicatorsTable,
  onlineConfirmationTable,
  overdueTable,
  slaTable,
} from './export/report-tables';
import { IndicatorsReportService } from './indicators-report.service';
import { OnlineConfirmationReportService } from './online-confirmation-report.service';
import { OverdueReportService } from './overdue-report.service';
import {
  DigitizationReportResponse,
  IndicatorsReportResponse,
  OnlineConfirmationReportResponse,
  OverdueReportResponse,
  SlaReportResponse,
} from './report.response';
import { SlaReportService } from './sla-report.service';

/** A report's 200: the JSON object, or its table as CSV (text) or XLSX (binary), by `format` or Accept. */
function ApiReportResponse(report: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(report),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(report) } },
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: { type: 'string', format: 'binary' },
        },
      },
    }),
  );
}

@ApiTags('reports')
@Controller('reports')
@Roles('auditor')
export class ReportController {
  constructor(
    private readonly sla: SlaReportService,
    private readonly digitization: DigitizationReportService,
    private readonly overdue: OverdueReportService,
    private readonly indicators: IndicatorsReportService,
    private readonly onlineConfirmation: OnlineConfirmationReportService,
  ) {}

  @Get('sla')
  @ApiReportResponse(SlaReportResponse, 'The one-stop periodic report (received, resolved, in progress)')
  async slaReport(
    @Query() query: GroupedReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.sla.report(query, principal);
    return sendReport(report, negotiateFormat(query.format, accept), slaTable, response);
  }

  @Get('digitization')
  @ApiReportResponse(
    DigitizationReportResponse,
    'Digitization, electronic results, reuse, scan-only share, signature validity',
  )
  async digitizationReport(
    @Query() query: GroupedReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.digitization.report(query, principal);
    return sendReport(report, negotiateFormat(query.format, accept), digitizationTable, response);
  }

  @Get('overdue')
  @ApiReportResponse(OverdueReportResponse, 'Dossiers overdue at min(period end, now), most overdue first')
  async overdueReport(
    @Query() query: OverdueReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = negotiateFormat(query.format, accept);
    const report = await this.overdue.report(query, principal, { all: format !== 'json' });
    return sendReport(report, format, overdueTable, response);
  }

  @Get('indicators')
  @ApiReportResponse(
    IndicatorsReportResponse,
    'Decision 766/QĐ-TTg indicators and points, with the formula version used',
  )
  async indicatorsReport(
    @Query() query: ReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.indicators.report(query, principal);
    return sendReport(report, negotiateFormat(query.format, accept), indicatorsTable, response);
  }

  @Get('online-confirmation')
  @ApiReportResponse(
    OnlineConfirmationReportResponse,
    'Online dossiers received in the period confirmed within 8 working hours (Decree 45/2020): on time, late, ' +
      'pending; share = on time / (on time + late)',
  )
  async onlineConfirmationReport(
    @Query() query: GroupedReportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.onlineConfirmation.report(query, principal);
    return sendReport(report, negotiateFormat(query.format, accept), onlineConfirmationTable, response);
  }
}
