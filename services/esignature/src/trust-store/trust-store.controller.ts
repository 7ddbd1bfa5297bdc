import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CrlResponse, TrustAnchorResponse } from './trust-store.response';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Roles, Scope } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
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
        localized(
          'Send the PEM as { "pem": "..." } or the PEM/DER file as the body.',
          'Hãy gửi PEM dạng { "pem": "..." } hoặc gửi tệp PEM/DER làm nội dung yêu cầu.',
        ),
        [{ field: 'pem', message: localized('must be a non-empty string', 'pem phải là chuỗi không rỗng') }],
      );
    }
    return Buffer.from(pem, 'latin1');
  }
  const bytes = await readRawBody(request, MAX_TRUST_FILE);
  if (bytes.length === 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'validation',
      localized('The body is empty.', 'Nội dung yêu cầu rỗng.'),
      [{ field: '', message: localized('must not be empty', 'không được rỗng') }],
    );
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
  @Scope('shared')
  @ApiOkResponse({ type: [TrustAnchorResponse], description: 'Anchors in force, oldest first' })
  listAnchors() {
    return this.trustStore.listAnchors();
  }

  /** Trust is national: an anchor makes every agency's signatures from that root pass, so only agency `*` adds one. */
  @Post('trust-anchors')
  @Roles('admin')
  @Scope('national')
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes(
    'application/x-pem-file',
    'application/pkix-cert',
    'application/octet-stream',
    'application/json',
  )
  @ApiBody(pemBody)
  @ApiCreatedResponse({ type: [TrustAnchorResponse], description: 'The anchors of the upload' })
  async addAnchor(@Req() request: Request, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.trustStore.addAnchors(await uploadedBytes(request, body), 'ADMIN', principal);
  }

  /** Withdraws an anchor; the documents it anchored are re-verified (new reports, signature.verified events). */
  @Delete('trust-anchors/:fingerprint')
  @Roles('admin')
  @Scope('national')
  @ApiParam({
    name: 'fingerprint',
    description: 'SHA-256 of the DER certificate',
    schema: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      example: '5f1c0d2e3b4a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
    },
  })
  @ApiOkResponse({ type: TrustAnchorResponse, description: 'The withdrawn anchor' })
  withdrawAnchor(@Param('fingerprint') fingerprint: string, @CurrentPrincipal() principal: Principal) {
    if (!/^[0-9a-f]{64}$/.test(fingerprint))
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          'fingerprint must be the SHA-256 of the certificate (64 lower-case hex digits).',
          'fingerprint phải là SHA-256 của chứng thư số (64 chữ số hex viết thường).',
        ),
        [
          {
            field: 'fingerprint',
            in: 'path',
            message: localized(
              'must be 64 lower-case hex digits',
              'fingerprint phải gồm 64 chữ số hex viết thường',
            ),
          },
        ],
      );
    return this.trustStore.withdrawAnchor(fingerprint, principal);
  }

  @Get('crls')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @Scope('shared')
  @ApiOkResponse({ type: [CrlResponse], description: 'CRLs, oldest first' })
  listCrls() {
    return this.trustStore.listCrls();
  }

  @Post('crls')
  @Roles('admin')
  @Scope('national')
  @HttpCode(HttpStatus.CREATED)
  @ApiConsumes(
    'application/pkix-crl',
    'application/x-pem-file',
    'application/octet-stream',
    'application/json',
  )
  @ApiBody(pemBody)
  @ApiCreatedResponse({ type: [CrlResponse], description: 'The CRLs of the upload' })
  async addCrl(@Req() request: Request, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.trustStore.addCrls(await uploadedBytes(request, body), 'ADMIN', principal);
  }
}
