import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { TrackingLogQuery } from './tracking-log.query';
import { TrackingLogResponse } from './tracking-log.response';
import { TrackingLogService } from './tracking-log.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('agencies')
@ApiExtraModels(TrackingLogResponse)
@Controller('agencies')
export class TrackingLogController {
  constructor(private readonly trackingLogs: TrackingLogService) {}

  /** Form 07: the agency's tracking log for a period, as JSON, XLSX or a signed PDF (by `Accept`). */
  @Get(':code/tracking-log')
  @Roles('clerk', 'officer', 'admin', 'auditor')
  @ApiOkResponse({
    description: 'The tracking log (sổ theo dõi hồ sơ): JSON, XLSX, or a PDF signed by the agency',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TrackingLogResponse) } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async trackingLog(
    @Param('code') code: string,
    @Query() query: TrackingLogQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Anything but a PDF or a spreadsheet gets JSON (the documented default), never a 406.
    const wants = accept ?? '';
    const kind = wants.includes('application/pdf') ? 'pdf' : wants.includes(XLSX) ? 'xlsx' : 'json';
    const log = await this.trackingLogs.log(code, query.from, query.to, principal);
    if (kind === 'json') return log;
    const fileName = `so-theo-doi-${code}-${query.from}-${query.to}`.replace(/[^A-Za-z0-9.-]/g, '_');
    const body = kind === 'pdf' ? await this.trackingLogs.pdf(log) : await this.trackingLogs.xlsx(log);
    response.setHeader('Content-Type', kind === 'pdf' ? 'application/pdf' : XLSX);
    response.setHeader('Content-Disposition', `inline; filename="${fileName}.${kind}"`);
    response.send(body);
    return undefined;
  }
}
