import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@motcua/auth';
import { RecordsQuery } from '../documents/dto';
import { RecordService } from './record.service';

@ApiTags('records')
@Controller('records')
export class RecordController {
  constructor(private readonly records: RecordService) {}

  /**
   * The citizen's e-record store is national: a clerk of any agency sees a person's records (metadata and the
   * extracted data, not the files) to reuse them; files are read through the dossier they are reused in.
   */
  @Get()
  @Roles('clerk', 'officer', 'citizen_portal', 'admin')
  list(@Query() query: RecordsQuery) {
    return this.records.listByHolder(query.idNumber);
  }
}
