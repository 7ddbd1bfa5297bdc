import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiExtraModels,
  getSchemaPath,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ROLES } from '@motcua/contracts';
import { CurrentPrincipal, isAgencyCode, Principal, Roles } from '@motcua/auth';
import { localized, validationProblem } from '@motcua/http';
import { AgencyResponse, AgencyTreeNodeResponse } from './agency.response';
import { AgencyService } from './agency.service';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { ListAgenciesQuery } from './dto/list-agencies.query';

@ApiTags('agencies')
@ApiBearerAuth()
@ApiExtraModels(AgencyResponse, AgencyTreeNodeResponse)
@Controller('agencies')
export class AgencyController {
  constructor(private readonly agencies: AgencyService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "The agencies in the caller's scope (flat, or nested with view=tree)" })
  @ApiOkResponse({
    description: 'Agencies ordered by level, then code; with view=tree, the roots with their subtrees',
    schema: {
      anyOf: [
        { type: 'array', items: { $ref: getSchemaPath(AgencyResponse) } },
        { type: 'array', items: { $ref: getSchemaPath(AgencyTreeNodeResponse) } },
      ],
    },
  })
  @ApiForbiddenResponse({ description: '`under` is outside the caller scope' })
  list(@Query() query: ListAgenciesQuery, @CurrentPrincipal() principal: Principal) {
    return this.agencies.list(principal, query);
  }

  @Get(':code')
  @Roles(...ROLES)
  @ApiOperation({ summary: "One agency in the caller's scope" })
  @ApiOkResponse({ type: AgencyResponse })
  @ApiNotFoundResponse({ description: 'No such agency in the caller scope' })
  findOne(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    if (!isAgencyCode(code)) {
      throw validationProblem([
        {
          field: 'code',
          in: 'path',
          message: localized(
            'code must look like 000.00.12.H49 (QCVN 102:2016)',
            'code phải là mã cơ quan dạng 000.00.12.H49 (QCVN 102:2016)',
          ),
        },
      ]);
    }
    return this.agencies.findVisible(code, principal);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: "Registers an agency inside the admin's scope" })
  @ApiCreatedResponse({
    type: AgencyResponse,
    description: 'The agency, with its level derived from the code',
  })
  @ApiForbiddenResponse({ description: 'Not an admin, or the code is outside the admin scope' })
  @ApiConflictResponse({ description: 'An agency with this code exists' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown parent, or the code is not inside its subtree' })
  async create(
    @Body() body: CreateAgencyDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const agency = await this.agencies.create(body, principal);
    response.status(HttpStatus.CREATED);
    response.setHeader('Location', `/agencies/${agency.code}`);
    return agency;
  }
}
