import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ProblemException } from '@motcua/http';
import { readRawBody } from '../uploads/request-body';
import { TrustStoreService } from './trust-store.service';

const MAX_TRUST_FILE = 4 * 1024 * 1024;

/** PEM or DER in the body (any non-JSON type), or JSON `{ "pem": "-----BEGIN ..." }`. */
async function uploadedBytes(request: Request, body: unknown): Promise<Uint8Array> {
  if (/json/i.test(request.headers['content-type'] ?? '')) {
    const pem = (body as { pem?: unknown } | undefined)?.pem;
    if (typeof pem !== 'string' || pem.length === 0) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        'Send the PEM as { "pem": "..." } or the PEM/DER file as the body.',
        [{ field: 'pem', message: 'must be a non-empty string' }],
      );
    }
    return Buffer.from(pem, 'latin1');
  }
  const bytes = await readRawBody(request, MAX_TRUST_FILE);
  if (bytes.length === 0) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'The body is empty.', [
      { field: 'body', message: 'must not be empty' },
    ]);
  }
  return bytes;
}

const pemBody = {
  description:
    'A PEM or DER file as the body (application/x-pem-file, application/pkix-cert, application/octet-stream), or JSON { pem }',
  schema: { type: 'string', format: 'binary' },
};

@ApiTags('trust store')
@Controller()
export class TrustStoreController {
  constructor(private readonly trustStore: TrustStoreService) {}

  @Get('trust-anchors')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  listAnchors() {
    return this.trustStore.listAnchors();
  }

  @Post('trust-anchors')
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes(
    'application/x-pem-file',
    'application/pkix-cert',
    'application/octet-stream',
    'application/json',
  )
  @ApiBody(pemBody)
  async addAnchor(@Req() request: Request, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.trustStore.addAnchors(await uploadedBytes(request, body), 'ADMIN', principal.sub);
  }

  @Get('crls')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  listCrls() {
    return this.trustStore.listCrls();
  }

  @Post('crls')
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes(
    'application/pkix-crl',
    'application/x-pem-file',
    'application/octet-stream',
    'application/json',
  )
  @ApiBody(pemBody)
  async addCrl(@Req() request: Request, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.trustStore.addCrls(await uploadedBytes(request, body), 'ADMIN', principal.sub);
  }
}
