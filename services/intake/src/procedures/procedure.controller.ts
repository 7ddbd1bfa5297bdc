import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scope } from '@motcua/auth';
import { ROLES } from '@motcua/contracts';
import { ListProceduresQuery, ProcedureAtQuery } from './dto/procedure.queries';
import { ProcedureDetailResponse, ProcedureResponse } from './procedure.response';
import { ProcedureService } from './procedure.service';

@ApiTags('procedures')
@ApiBearerAuth()
@Controller('procedures')
@Roles(...ROLES)
@Scope('shared')
export class ProcedureController {
  constructor(private readonly procedures: ProcedureService) {}

  @Get()
  @ApiOperation({ summary: 'Procedures in force today, with their current rules' })
  @ApiOkResponse({ type: [ProcedureResponse], description: 'Procedures ordered by code' })
  list(@Query() query: ListProceduresQuery) {
    return this.procedures.list(query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One procedure: the version in force on `at` (default today) and every version' })
  @ApiOkResponse({ type: ProcedureDetailResponse })
  @ApiNotFoundResponse({
    description: 'Unknown procedure, or none of its versions was in force on that date',
  })
  findOne(@Param('code') code: string, @Query() query: ProcedureAtQuery) {
    return this.procedures.detail(code, query.at);
  }
}
