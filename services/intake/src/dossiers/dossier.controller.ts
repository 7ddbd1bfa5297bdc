import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ApiPagedResponse, localized, ProblemException } from '@motcua/http';
import { DossierWorkflowService } from './dossier-workflow.service';
import { DossierHistoryResponse, DossierResponse, ImportDossiersResponse } from './dossier.response';
import { DossierService } from './dossier.service';
import { CreateDossierDto } from './dto/create-dossier.dto';
import { DossierActionDto } from './dto/dossier-action.dto';
import { RecordFeedbackDto, RecordPaymentDto } from './dto/dossier-records.dto';
import { ImportDossiersDto } from './dto/import-dossiers.dto';
import { ListDossiersQuery } from './dto/list-dossiers.query';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@ApiTags('dossiers')
@Controller('dossiers')
export class DossierController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly workflow: DossierWorkflowService,
  ) {}

  @Post()
  @Roles('clerk', 'citizen_portal')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Required for citizen_portal; 8-128 characters',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
  })
  @ApiCreatedResponse({
    type: DossierResponse,
    description:
      'The received dossier (the same one again, with Idempotent-Replayed: true, for a retried key)',
  })
  async create(
    @Body() body: CreateDossierDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 . _ : -',
          'Idempotency-Key phải gồm 8-128 ký tự trong A-Z a-z 0-9 . _ : -',
        ),
        [
          {
            field: 'Idempotency-Key',
            in: 'header',
            message: localized(
              'must be 8-128 characters of A-Z a-z 0-9 . _ : -',
              'Idempotency-Key phải gồm 8-128 ký tự trong A-Z a-z 0-9 . _ : -',
            ),
          },
        ],
      );
    }
    if (!idempotencyKey && principal.roles.includes('citizen_portal') && !principal.roles.includes('clerk')) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'idempotency-key-required',
        localized(
          'The citizen portal must send an Idempotency-Key header with every submission.',
          'Cổng dịch vụ công phải gửi header Idempotency-Key với mỗi lần nộp hồ sơ.',
        ),
        [
          {
            field: 'Idempotency-Key',
            in: 'header',
            message: localized(
              'is required for citizen_portal',
              'Idempotency-Key là bắt buộc với citizen_portal',
            ),
          },
        ],
      );
    }
    const result = await this.dossiers.create(body, principal, idempotencyKey);
    response.status(HttpStatus.CREATED);
    if (!result.created) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/dossiers/${result.dossier.code}`);
    return result.dossier;
  }

  @Get()
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @ApiPagedResponse(DossierResponse)
  list(@Query() query: ListDossiersQuery, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.list(query, principal);
  }

  @Post('import')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ImportDossiersResponse, description: 'Every dossier imported (or none: a 4xx)' })
  import(@Body() body: ImportDossiersDto, @CurrentPrincipal() principal: Principal) {
    return this.workflow.import(body, principal);
  }

  @Get(':code')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @ApiOkResponse({ type: DossierResponse })
  findOne(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.findVisible(code, principal);
  }

  @Post(':code/actions')
  @Roles('clerk', 'officer', 'citizen_portal')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DossierResponse, description: 'The dossier after the action' })
  act(@Param('code') code: string, @Body() body: DossierActionDto, @CurrentPrincipal() principal: Principal) {
    return this.workflow.act(code, body, principal);
  }

  @Get(':code/history')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @ApiOkResponse({ type: DossierHistoryResponse })
  history(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.workflow.history(code, principal);
  }

  @Post(':code/payment')
  @Roles('clerk', 'citizen_portal')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DossierResponse })
  recordPayment(
    @Param('code') code: string,
    @Body() body: RecordPaymentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.workflow.recordPayment(code, body, principal);
  }

  @Post(':code/feedback')
  @Roles('clerk', 'citizen_portal')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DossierResponse })
  recordFeedback(
    @Param('code') code: string,
    @Body() body: RecordFeedbackDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.workflow.recordFeedback(code, body, principal);
  }
}
