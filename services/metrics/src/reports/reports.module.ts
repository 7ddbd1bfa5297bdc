import { Module } from '@nestjs/common';
import { DigitizationReportService } from './digitization-report.service';
import { IndicatorsReportService } from './indicators-report.service';
import { OnlineConfirmationReportService } from './online-confirmation-report.service';
import { OverdueReportService } from './overdue-report.service';
import { ReportController } from './report.controller';
import { SlaReportService } from './sla-report.service';

@Module({
  controllers: [ReportController],
  providers: [
    SlaReportService,
    DigitizationReportService,
    OverdueReportService,
    IndicatorsReportService,
    OnlineConfirmationReportService,
  ],
})
export class ReportsModule {}
