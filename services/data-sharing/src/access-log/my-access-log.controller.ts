import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ApiPagedResponse, PaginationQuery } from '@motcua/http';
import { OwnAccessLogEntryResponse } from './access-log.response';
import { AccessLogService } from './access-log.service';

@ApiTags('access-log')
@Controller('me')
export class MyAccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  /**
   * For the citizen the portal token names: who looked at their population-registry data, when, for which dossier
   * and which fields (refused attempts included). The e-record store's lookups are listed by digitization's own
   * `GET /me/access-log`.
   */
  @Get('access-log')
  @Roles('citizen_portal')
  @ApiPagedResponse(OwnAccessLogEntryResponse, 'Accesses to my registry data, newest first')
  list(@Query() query: PaginationQuery, @CurrentPrincipal() principal: Principal) {
    return this.accessLog.ownAccesses(principal.citizenId ?? '', query.page ?? 1, query.pageSize ?? 50);
  }
}
