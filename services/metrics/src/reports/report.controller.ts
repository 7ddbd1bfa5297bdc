import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { SlaReportQueryDto } from './dto/sla-report-query.dto';
import { SlaReportService } from './sla-report.service';

@ApiTags('reports')
@Controller('reports')
@Roles('auditor')
export class ReportController {
  constructor(private readonly sla: SlaReportService) {}

  @Get('sla')
  slaReport(@Query() query: SlaReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.sla.report(query, principal);
  }
}
