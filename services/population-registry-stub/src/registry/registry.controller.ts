import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@motcua/auth';
import type { Request } from 'express';
import { localized, validationProblem } from '@motcua/http';
import { FaultInjectionInterceptor } from '../faults/fault-injection.interceptor';
import { PersonRecord } from '../population/person';
import { VerifyCitizenDto, VerifyCitizenResultDto } from './dto/verify-citizen.dto';
import { PersonRecordResponse } from './person.response';
import { RequesterGuard, requesterOf } from './requester.guard';
import { RegistryService } from './registry.service';

@ApiTags('citizens')
@ApiHeader({ name: 'X-Requester', required: true, description: 'Who asks: agency code or service name' })
@ApiHeader({ name: 'X-Purpose', required: true, description: 'Why: the dossier code the request serves' })
@ApiBadRequestResponse({ description: 'Missing X-Requester / X-Purpose, or a malformed body or ID number' })
@ApiServiceUnavailableResponse({ description: 'Injected fault: outage or error rate (see /admin/faults)' })
// Stands in for an external system: no motcua token (the registry API checks X-Requester instead).
@Public()
@Controller('api/v1/citizens')
@UseGuards(RequesterGuard)
@UseInterceptors(FaultInjectionInterceptor)
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Does this ID number belong to this name and date of birth?', security: [] })
  @ApiOkResponse({ type: VerifyCitizenResultDto })
  verify(@Body() body: VerifyCitizenDto, @Req() request: Request): VerifyCitizenResultDto {
    return this.registry.verify(body, requesterOf(request));
  }

  @Get(':idNumber')
  @ApiOperation({ summary: "A citizen's record", security: [] })
  @ApiOkResponse({ type: PersonRecordResponse, description: 'The person record' })
  @ApiNotFoundResponse({ description: 'No citizen with this ID number' })
  lookup(@Param('idNumber') idNumber: string, @Req() request: Request): PersonRecord {
    if (!/^\d{12}$/.test(idNumber)) {
      throw validationProblem([
        {
          field: 'idNumber',
          in: 'path',
          message: localized('idNumber must be exactly 12 digits', 'idNumber phải gồm đúng 12 chữ số'),
        },
      ]);
    }
    return this.registry.lookup(idNumber, requesterOf(request));
  }
}
