import { pipeline } from 'node:stream/promises';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { DocumentResponse, IntegrityCheckResponse, RetentionDeletionResponse } from './document.response';
import { DossierDirectory } from '../dossiers/dossier-directory';
import { RecordService } from '../records/record.service';
import { DocumentContentService } from './document-content.service';
import { DocumentLookup } from './document-lookup';
import { DocumentUploadService } from './document-upload.service';
import { RetentionDeletionDto, ReuseRecordDto, UploadDocumentBody } from './dto';
import { RetentionService } from './retention.service';

const READERS = ['clerk', 'officer', 'auditor', 'admin'] as const;

@ApiTags('documents')
@Controller()
export class DocumentController {
  constructor(
    private readonly uploads: DocumentUploadService,
    private readonly lookup: DocumentLookup,
    private readonly content: DocumentContentService,
    private readonly retention: RetentionService,
    private readonly records: RecordService,
    private readonly dossiers: DossierDirectory,
  ) {}

  @Post('dossiers/:code/documents')
  @Roles('clerk', 'officer', 'citizen_portal')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentBody, description: 'Fields first, then the file part' })
  @ApiCreatedResponse({ type: DocumentResponse, description: 'The stored document' })
  async upload(
    @Param('code') code: string,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const document = await this.uploads.upload(request, code, principal);
    response.status(HttpStatus.CREATED).setHeader('Location', `/documents/${document.id}`);
    return document;
  }

  @Get('dossiers/:code/documents')
  @Roles(...READERS)
  @ApiOkResponse({ type: [DocumentResponse], description: "The dossier's documents" })
  async list(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    await this.dossiers.visible(code, principal);
    return this.lookup.listForDossier(code);
  }

  @Post('dossiers/:code/documents/reuse')
  @Roles('clerk', 'officer', 'citizen_portal')
  @ApiCreatedResponse({
    type: DocumentResponse,
    description: 'The e-record reused as a document of the dossier',
  })
  @ApiOkResponse({
    type: DocumentResponse,
    description: 'The same record was already reused for this component',
  })
  async reuse(
    @Param('code') code: string,
    @Body() body: ReuseRecordDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome = await this.records.reuse(code, body.recordId, body.componentCode, principal);
    response.status(outcome.created ? HttpStatus.CREATED : HttpStatus.OK);
    response.setHeader('Location', `/documents/${outcome.document.id}`);
    return outcome.document;
  }

  @Get('documents/:id')
  @Roles(...READERS)
  @ApiOkResponse({ type: DocumentResponse })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.lookup.view(id, principal);
  }

  @Get('documents/:id/content')
  @Roles(...READERS)
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range, e.g. bytes=0-1023' })
  @ApiOkResponse({
    description: 'The file, in the media type it was stored with',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range (Content-Range)',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag' })
  async download(
    @Param('id') id: string,
    @Headers('range') range: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const content = await this.content.open(id, principal, range);
    const { document } = content;
    const etag = `"${document.sha256}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Accept-Ranges', 'bytes');
    if (content.range.kind === 'unsatisfiable') {
      response.setHeader('Content-Range', `bytes */${document.size}`);
      throw new ProblemException(
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        'range-not-satisfiable',
        localized(
          `The document has ${document.size} bytes; the requested range is outside it.`,
          `Tài liệu có ${document.size} byte; khoảng dữ liệu yêu cầu nằm ngoài tài liệu.`,
        ),
      );
    }
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      content.body?.destroy();
      response.status(HttpStatus.NOT_MODIFIED).end();
      return;
    }
    response.setHeader('Content-Type', document.mimeType);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-cache');
    if (document.fileName)
      response.setHeader(
        'Content-Disposition',
        `inline; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      );
    if (content.range.kind === 'partial') {
      const { start, end } = content.range;
      response.status(HttpStatus.PARTIAL_CONTENT);
      response.setHeader('Content-Range', `bytes ${start}-${end}/${document.size}`);
      response.setHeader('Content-Length', String(end - start + 1));
    } else {
      response.status(HttpStatus.OK);
      response.setHeader('Content-Length', String(document.size));
    }
    // A store failure mid-stream can only cut the response short; Content-Length lets the client notice.
    await pipeline(content.body!, response).catch(() => response.destroy());
  }

  @Post('documents/:id/versions')
  @Roles('clerk', 'officer', 'citizen_portal')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    type: UploadDocumentBody,
    description: 'The corrected file; fields default to the previous version',
  })
  @ApiCreatedResponse({ type: DocumentResponse, description: 'The new version' })
  async newVersion(
    @Param('id') id: string,
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const document = await this.uploads.uploadVersion(request, id, principal);
    response.status(HttpStatus.CREATED).setHeader('Location', `/documents/${document.id}`);
    return document;
  }

  @Post('documents/:id/integrity-check')
  @Roles(...READERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: IntegrityCheckResponse })
  integrityCheck(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.content.checkIntegrity(id, principal);
  }

  @Post('documents/:id/retention-deletion')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RetentionDeletionResponse })
  retentionDeletion(
    @Param('id') id: string,
    @Body() body: RetentionDeletionDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.retention.delete(id, body.reason, principal);
  }
}
