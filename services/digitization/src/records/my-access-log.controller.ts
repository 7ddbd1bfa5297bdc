import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ApiPagedResponse, PaginationQuery } from '@motcua/http';
import { OwnRecordAccessResponse } from './record.response';
import { RecordAccessLog } from './record-access-log';

@ApiTags('records')
@Controller('me')
export class MyRecordAccessLogController {
  constructor(private readonly accessLog: RecordAccessLog) {}

  /**
   * For the citizen the portal token names: who looked up their e-records, when and for which dossier (refused
   * attempts included). Registry lookups are listed by data-sharing's own `GET /me/access-log`.
   */
  @Get('access-log')
  @Roles('citizen_portal')
  @ApiPagedResponse(OwnRecordAccessResponse, 'Lookups of my records, newest first')
  list(@Query() query: PaginationQuery, @CurrentPrincipal() principal: Principal) {
    return this.accessLog.ownAccesses(principal.citizenId ?? '', query.page ?? 1, query.pageSize ?? 50);
  }
}
