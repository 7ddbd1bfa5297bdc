import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles, Scope } from '@motcua/auth';
import { ROLES } from '@motcua/contracts';
import { NewProcedureVersionDto } from './dto/new-procedure-version.dto';
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

  @Post(':code/versions')
  @Roles('admin')
  @Scope('national')
  @ApiOperation({
    summary: 'Add the rules a decree sets from a future date (national administrators)',
    description:
      'Limits, components, fees and (when it moves) the agency level, from `effectiveFrom` (after today and after ' +
      'the latest version). The version it supersedes ends the day before. Dossiers are judged by the version in ' +
      'force on the day they were received. The same version sent again is answered with 200 and changes nothing.',
  })
  @ApiCreatedResponse({
    type: ProcedureDetailResponse,
    description: 'The procedure as of the new version, with every version',
  })
  @ApiOkResponse({
    type: ProcedureDetailResponse,
    description: 'The same version was already there: nothing changed',
  })
  @ApiNotFoundResponse({ description: 'Unknown procedure' })
  @ApiConflictResponse({ description: 'Another version from that date, or a later version exists' })
  @ApiUnprocessableEntityResponse({ description: 'effectiveFrom is not after today' })
  async addVersion(
    @Param('code') code: string,
    @Body() body: NewProcedureVersionDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, procedure } = await this.procedures.addVersion(code, body, principal);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return procedure;
  }
}
