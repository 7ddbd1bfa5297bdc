import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ApiPagedResponse } from '@motcua/http';
import { AccessLogEntryResponse } from './access-log.response';
import { AccessLogService } from './access-log.service';
import { AccessLogQueryDto } from './access-log.query';

@ApiTags('access-log')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  /** Who read which citizen's registry data, when and for which dossier; newest first. */
  @Get()
  @Roles('auditor', 'admin')
  @ApiPagedResponse(AccessLogEntryResponse, 'Accesses, newest first')
  list(@Query() query: AccessLogQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.accessLog.list(query, principal);
  }
}
