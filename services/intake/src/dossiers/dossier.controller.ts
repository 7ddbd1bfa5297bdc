import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { DossierService } from './dossier.service';
import { CreateDossierDto } from './dto/create-dossier.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@ApiTags('dossiers')
@Controller('dossiers')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Post()
  @Roles('clerk', 'citizen_portal')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Required for citizen_portal; 8-128 characters',
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
        'Idempotency-Key must be 8-128 characters of A-Z a-z 0-9 . _ : -',
        [{ field: 'Idempotency-Key', message: 'must be 8-128 characters of A-Z a-z 0-9 . _ : -' }],
      );
    }
    if (!idempotencyKey && principal.roles.includes('citizen_portal') && !principal.roles.includes('clerk')) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'idempotency-key-required',
        'The citizen portal must send an Idempotency-Key header with every submission.',
        [{ field: 'Idempotency-Key', message: 'is required for citizen_portal' }],
      );
    }
    const result = await this.dossiers.create(body, principal, idempotencyKey);
    response.status(HttpStatus.CREATED);
    if (!result.created) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/dossiers/${result.dossier.code}`);
    return result.dossier;
  }

  @Get(':code')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  findOne(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.findVisible(code, principal);
  }
}
