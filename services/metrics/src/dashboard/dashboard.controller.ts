import { Controller, Get, Headers, HttpStatus, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DashboardOptionsResponse, ProxiedDossierHistoryResponse } from './dashboard.response';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Public, Roles } from '@motcua/auth';
import { localized, ProblemException, validationProblem } from '@motcua/http';
import { DashboardAssets } from './dashboard-assets';
import { DashboardOptionsService } from './dashboard-options.service';
import { INTAKE_RETRY_AFTER_SECONDS, IntakeHistoryClient } from './intake-history.client';

/**
 * Only the page's own files, no inline script or style, data from this origin: the dashboard works on an intranet
 * with no internet, and an injected script has nowhere to load from nor send to.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DOSSIER_CODE = /^[A-Za-z0-9._-]{1,64}$/;

function secured(response: Response, contentType: string) {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * The auditors' dashboard: a static page (public: it holds no data) whose script signs in with a bearer token kept
 * in session storage and reads the reports of this service; plus what only the dashboard needs.
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly assets: DashboardAssets,
    private readonly optionsService: DashboardOptionsService,
    private readonly intake: IntakeHistoryClient,
  ) {}

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  page(@Res() response: Response) {
    const page = this.assets.get('index.html')!;
    secured(response, page.contentType);
    response.setHeader('Cache-Control', 'no-cache');
    response.send(page.body);
  }

  @Get('assets/:name')
  @Public()
  @ApiExcludeEndpoint()
  asset(@Param('name') name: string, @Res() response: Response) {
    const asset = this.assets.get(name);
    if (!asset || name === 'index.html') {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not-found',
        localized(`No dashboard file ${name}.`, `Không có tệp bảng điều khiển ${name}.`),
      );
    }
    secured(response, asset.contentType);
    response.setHeader('Cache-Control', 'no-cache');
    response.send(asset.body);
  }

  @Get('options')
  @Roles('auditor')
  @ApiOkResponse({
    type: DashboardOptionsResponse,
    description: "The filters' choices: agencies and procedures with dossiers in the token's scope",
  })
  options(@CurrentPrincipal() principal: Principal) {
    return this.optionsService.options(principal);
  }

  @Get('dossiers/:code/history')
  @Roles('auditor')
  @ApiOkResponse({
    type: ProxiedDossierHistoryResponse,
    description: "A dossier's history, read from intake with the caller's token",
  })
  async history(
    @Param('code') code: string,
    @Headers('authorization') authorization: string,
    @Res() response: Response,
  ) {
    if (!DOSSIER_CODE.test(code)) {
      throw validationProblem([
        {
          field: 'code',
          in: 'path',
          message: localized(
            'code must be 1-64 characters of A-Z a-z 0-9 . _ -',
            'code phải gồm 1-64 ký tự trong A-Z a-z 0-9 . _ -',
          ),
        },
      ]);
    }
    try {
      const answer = await this.intake.history(code, authorization);
      response.status(answer.status).setHeader('Content-Type', answer.contentType);
      response.send(answer.body);
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) {
        response.setHeader('Retry-After', String(INTAKE_RETRY_AFTER_SECONDS));
      }
      throw error;
    }
  }
}
