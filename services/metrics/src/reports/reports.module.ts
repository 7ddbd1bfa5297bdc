import { Module } from '@nestjs/common';
import { ReportController } from './report.controller';
import { SlaReportService } from './sla-report.service';

@Module({
  controllers: [ReportController],
  providers: [SlaReportService],
})
export class ReportsModule {}
