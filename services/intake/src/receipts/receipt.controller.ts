import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ReceiptForm01Response } from './receipt.response';
import { ReceiptService } from './receipt.service';

@ApiTags('dossiers')
@ApiExtraModels(ReceiptForm01Response)
@Controller('dossiers')
export class ReceiptController {
  constructor(private readonly receipts: ReceiptService) {}

  /** Form 01 as JSON, or as a PDF with `Accept: application/pdf`. */
  @Get(':code/receipt')
  @Roles('clerk', 'officer', 'citizen_portal', 'admin')
  @ApiOkResponse({
    description: 'Form 01 as JSON, or printed as a PDF with `Accept: application/pdf`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReceiptForm01Response) } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async receipt(
    @Param('code') code: string,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!accept?.includes('application/pdf')) return this.receipts.form01(code, principal);
    const pdf = await this.receipts.pdf(code, principal);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="phieu-tiep-nhan-${code}.pdf"`);
    response.send(pdf);
    return undefined;
  }
}
