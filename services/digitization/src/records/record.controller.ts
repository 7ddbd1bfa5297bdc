import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPagedResponse } from '@motcua/http';
import { CitizenRecordResponse, RecordAccessResponse } from './record.response';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { RecordAccessLog } from './record-access-log';
import { RecordAccessLogQuery, RecordsQuery } from './record-queries';
import { RecordService } from './record.service';

@ApiTags('records')
@Controller('records')
export class RecordController {
  constructor(
    private readonly records: RecordService,
    private readonly accessLog: RecordAccessLog,
  ) {}

  /**
   * The citizen's e-record store is national: a clerk of any agency sees a person's records (metadata and the
   * extracted data, not the files) to reuse them in a dossier of their agency, named as the lookup's purpose;
   * files are read through the dossier they are reused in. Every lookup is in the access log.
   */
  @Get()
  @Roles('clerk', 'officer', 'citizen_portal', 'admin')
  @ApiOkResponse({
    type: [CitizenRecordResponse],
    description: 'Current records of the holder, newest first',
  })
  list(@Query() query: RecordsQuery, @CurrentPrincipal() principal: Principal) {
    return this.records.listByHolder(query.idNumber, query.purpose, principal);
  }

  /** Who looked up whose records, when and for which dossier; newest first. */
  @Get('access-log')
  @Roles('auditor', 'admin')
  @ApiPagedResponse(RecordAccessResponse, 'Lookups, newest first')
  accessLogOf(@Query() query: RecordAccessLogQuery, @CurrentPrincipal() principal: Principal) {
    return this.accessLog.list(query, principal);
  }
}
