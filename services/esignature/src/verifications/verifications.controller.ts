import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import {
  ApiPagedResponse,
  localized,
  type LocalizedText,
  ProblemException,
  validationProblem,
} from '@motcua/http';
import { VerificationResponse } from './verification.response';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { EsignatureConfig } from '../config/esignature.config';
import { DocumentVerificationService } from '../documents/document-verification.service';
import { readMultipart } from '../uploads/request-body';
import { DOCUMENT_ID, ListVerificationsQuery } from './list-verifications.query';
import { UploadVerificationService } from './upload-verification.service';
import { VerificationRunner } from './verification-runner';
import { verificationView, VerificationStore } from './verification-store';

const validation = (field: string, message: LocalizedText) => validationProblem([{ field, message }]);

@ApiTags('verifications')
@Controller('verifications')
export class VerificationsController {
  constructor(
    private readonly uploads: UploadVerificationService,
    private readonly runner: VerificationRunner,
    private readonly store: VerificationStore,
    private readonly documents: DocumentVerificationService,
    @Inject(SERVICE_CONFIG) private readonly config: EsignatureConfig,
  ) {}

  /**
   * multipart/form-data `file` (a signed PDF, or the signed file with `signature`, a detached CMS), or
   * JSON `{ documentId }` of a digitized document. 201 with the report; 200 with the stored report when
   * that document's file was verified before under the current trust-store generation.
   */
  @Post()
  @Roles('clerk', 'officer', 'admin')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary' },
            signature: { type: 'string', format: 'binary' },
          },
        },
        {
          type: 'object',
          required: ['documentId'],
          properties: { documentId: { type: 'string' } },
          example: { documentId: '3b0e6f52-8c1d-4a7e-9f21-5d6c7b8a9e10' },
        },
      ],
    },
  })
  @ApiCreatedResponse({ type: VerificationResponse, description: 'The report of this verification' })
  @ApiOkResponse({
    type: VerificationResponse,
    description: 'The stored report: the document was verified before under the current trust generation',
  })
  @ApiNotFoundResponse({ description: 'No digitized document with this id' })
  @ApiConflictResponse({ description: 'Where the document is stored is not known: upload the file instead' })
  @ApiResponse({
    status: 502,
    description: 'digitization answered with an error while the file was read',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  })
  async verify(
    @Req() request: Request,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const contentType = request.headers['content-type'] ?? '';
    if (/json/i.test(contentType)) {
      const documentId = (body as { documentId?: unknown } | undefined)?.documentId;
      if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))
        throw validation(
          'documentId',
          localized('documentId must be a document id', 'documentId phải là mã tài liệu'),
        );
      const { verification, created } = await this.documents.verifyByRequest(documentId, principal);
      response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
      response.setHeader('Location', `/verifications/${verification.id}`);
      return verificationView(verification);
    }
    if (!/^multipart\/form-data/i.test(contentType)) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        localized(
          'Send multipart/form-data with a "file" part, or JSON { "documentId" }.',
          'Hãy gửi multipart/form-data có phần "file", hoặc JSON { "documentId" }.',
        ),
      );
    }
    this.runner.assertCapacity();
    const { files } = await readMultipart(request, ['file', 'signature'], this.config.MAX_FILE_BYTES);
    const verification = await this.uploads.verify(files.get('file'), files.get('signature'), principal);
    response.status(HttpStatus.CREATED);
    response.setHeader('Location', `/verifications/${verification.id}`);
    return verificationView(verification);
  }

  /** A document's reports within the caller's agency scope, latest first (`{ page, pageSize, total, items }`). */
  @Get()
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @ApiPagedResponse(VerificationResponse, 'Reports of the document, newest first')
  list(@Query() query: ListVerificationsQuery, @CurrentPrincipal() principal: Principal) {
    return this.store.listForDocument(query.documentId, principal, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get(':id')
  @Roles('clerk', 'officer', 'auditor', 'admin')
  @ApiParam({ name: 'id', format: 'uuid', example: '9d4f2a61-7b3c-4e8d-a1f0-2c5b6e7d8f90' })
  @ApiOkResponse({ type: VerificationResponse })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return verificationView(await this.store.get(id, principal));
  }
}
