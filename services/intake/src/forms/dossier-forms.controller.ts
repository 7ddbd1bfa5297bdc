import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { DossierFormEntryResponse, DossierFormParams, DossierFormQuery } from './dossier-form.dto';
import { DossierFormsService } from './dossier-forms.service';

@ApiTags('dossiers')
@ApiExtraModels(DossierFormEntryResponse)
@Controller('dossiers')
export class DossierFormsController {
  constructor(private readonly forms: DossierFormsService) {}

  /** The forms of a dossier: one entry per form an action issued (01-05), and the control sheet (06). */
  @Get(':code/forms')
  @Roles('clerk', 'officer', 'citizen_portal', 'admin')
  @ApiOkResponse({
    type: [DossierFormEntryResponse],
    description: 'The forms of the dossier, in the order they were issued',
  })
  list(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    return this.forms.list(code, principal);
  }

  /** One form as a PDF signed by the agency: 01-05 as the action issued them, 06 as the control sheet stands now. */
  @Get(':code/forms/:formCode')
  @Roles('clerk', 'officer', 'citizen_portal', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'The form signed (PAdES) by the agency: for 01-05 the PDF issued at the action (the one digitization stores) once issued, else printed and signed now',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async form(
    @Param() params: DossierFormParams,
    @Query() query: DossierFormQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const form = await this.forms.pdf(params.code, params.formCode, principal, query.seq);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${form.fileName}"`);
    response.send(form.pdf);
    return undefined;
  }
}
