import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { Client } from 'minio';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { localized, ProblemException, validationProblem } from '@motcua/http';
import { MESSAGING_OPTIONS, MessagingModuleOptions, OutboxRelay } from '@motcua/messaging';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { DigitizationConfig } from '../config/digitization.config';
import { DossierDirectory } from '../dossiers/dossier-directory';
import { assertDossierAccepts, statusRefusal } from '../dossiers/dossier-status-rules';
import { KnownDossierEntity } from '../dossiers/known-dossier.entity';
import { ComponentSchemaService, DataValidation } from '../schemas/component-schema.service';
import { newObjectKey } from '../storage/object-keys';
import {
  sizeMismatch,
  StoredObject,
  StreamingObjectWriter,
  tooLarge,
} from '../storage/streaming-object-writer';
import { discardRestOfRequest, receiveMultipart } from '../uploads/multipart-receiver';
import { declaredSizeOf, hasRequiredFields, parseUploadFields, UploadFields } from '../uploads/upload-fields';
import { declareUploadMetrics, measureUpload } from '../uploads/upload-metrics';
import { DocumentStore } from './document-store';
import { DocumentLookup } from './document-lookup';
import { DocumentEntity } from './document.entity';
import { DocumentView, toDocumentView } from './document.view';
import { PageCounter } from './page-counter';

/** The extracted data of one form is small; 1 MB is far above any real one. */
const MAX_FIELD_BYTES = 1024 * 1024;
/** Multipart framing and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

interface Validated {
  fields: UploadFields;
  level: DataValidation;
}

/**
 * Stores a document: the bytes stream into S3 under a key the service makes up, then ONE statement (its own
 * transaction) writes the document row, its e-record entry, its hash-chain entry and the digitized event. If that transaction fails the
 * object is removed; if the process dies in between, the orphan reaper removes it later.
 */
@Injectable()
export class DocumentUploadService {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossierDirectory,
    private readonly lookup: DocumentLookup,
    private readonly schemas: ComponentSchemaService,
    private readonly documents: DocumentStore,
    private readonly writer: StreamingObjectWriter,
    private readonly pages: PageCounter,
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SERVICE_CONFIG) private readonly config: DigitizationConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
    @Optional() private readonly relay?: OutboxRelay,
  ) {
    this.logger = messaging.logger.child({ component: 'document-upload' });
    declareUploadMetrics();
  }

  upload(request: IncomingMessage, dossierCode: string, principal: Principal): Promise<DocumentView> {
    return measureUpload('document', () => this.uploadNew(request, dossierCode, principal));
  }

  private async uploadNew(
    request: IncomingMessage,
    dossierCode: string,
    principal: Principal,
  ): Promise<DocumentView> {
    try {
      this.refuseOversized(request);
      // Looked up while the first parts arrive; awaited before any byte is stored.
      const dossier = this.dossiers.visible(dossierCode, principal);
      dossier.catch(() => undefined); // awaited in store()
      return await this.store(request, dossierCode, dossier, principal, ['componentCode', 'kind', 'origin']);
    } catch (error) {
      discardRestOfRequest(request);
      throw error;
    }
  }

  /** A correction: a new document pointing to the version it corrects, which stays as it was. */
  uploadVersion(request: IncomingMessage, previousId: string, principal: Principal): Promise<DocumentView> {
    return measureUpload('version', () => this.uploadCorrection(request, previousId, principal));
  }

  private async uploadCorrection(
    request: IncomingMessage,
    previousId: string,
    principal: Principal,
  ): Promise<DocumentView> {
    try {
      this.refuseOversized(request);
      const previous = await this.lookup.live(previousId, principal);
      await this.assertLatest(previous);
      const dossier = this.dossiers.visible(previous.dossierCode, principal);
      dossier.catch(() => undefined); // awaited in store()
      return await this.store(request, previous.dossierCode, dossier, principal, [], previous);
    } catch (error) {
      discardRestOfRequest(request);
      throw error;
    }
  }

  /** A Content-Length past the limit is refused before a byte is read. */
  private refuseOversized(request: IncomingMessage): void {
    const declared = Number(request.headers['content-length']);
    if (declared > this.config.UPLOAD_MAX_BYTES + MAX_FIELD_BYTES + MULTIPART_OVERHEAD_BYTES)
      throw tooLarge(this.config.UPLOAD_MAX_BYTES);
  }

  private async assertLatest(previous: DocumentEntity): Promise<void> {
    const next = await this.dataSource.manager.findOneBy(DocumentEntity, { previousVersionId: previous.id });
    if (next)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'not-latest-version',
        localized(
          `Document ${previous.id} was already corrected by ${next.id}; correct the latest version.`,
          `Tài liệu ${previous.id} đã được chỉnh sửa bởi ${next.id}; hãy chỉnh sửa phiên bản mới nhất.`,
        ),
        [],
        { latestVersionId: next.id },
      );
  }

  private async store(
    request: IncomingMessage,
    dossierCode: string,
    dossierLookup: Promise<KnownDossierEntity>,
    principal: Principal,
    requiredFields: string[],
    previous?: DocumentEntity,
  ): Promise<DocumentView> {
    const defaults: Partial<UploadFields> = previous
      ? { componentCode: previous.componentCode, kind: previous.kind, origin: previous.origin }
      : {};
    const validate = async (raw: Record<string, string>, known: KnownDossierEntity): Promise<Validated> => {
      const fields = parseUploadFields(raw, defaults);
      if (previous && fields.componentCode !== previous.componentCode)
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'validation',
          localized(
            'A new version belongs to the same component as the version it corrects.',
            'Phiên bản mới phải thuộc cùng thành phần hồ sơ với phiên bản nó chỉnh sửa.',
          ),
          [
            {
              field: 'componentCode',
              message: localized(
                `componentCode must be ${previous.componentCode}`,
                `componentCode phải là ${previous.componentCode}`,
              ),
            },
          ],
        );
      if (fields.kind === 'RESULT' && !principal.roles.some((r) => r === 'clerk' || r === 'officer'))
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'result-needs-officer',
          localized(
            'Only a clerk or an officer may store a RESULT document.',
            'Chỉ cán bộ tiếp nhận hoặc cán bộ xử lý mới được lưu tài liệu kết quả (RESULT).',
          ),
        );
      // Memory may hold a status a moment old: only the database's current one may refuse.
      const dossier = statusRefusal(known.status, fields.kind)
        ? await this.dossiers.visible(known.code, principal, this.dataSource.manager)
        : known;
      assertDossierAccepts(dossier.status, fields.kind);
      const level = await this.schemas.validateData(dossier.procedureCode, fields.componentCode, fields.data);
      return { fields, level };
    };

    const key = newObjectKey();
    const received = await receiveMultipart(request, {
      maxFileBytes: this.config.UPLOAD_MAX_BYTES,
      maxFieldBytes: MAX_FIELD_BYTES,
      onFile: async (file, fieldsSoFar): Promise<StoredObject> => {
        const known = await dossierLookup;
        // Fields sent before the file (the documented order) are checked before any byte is stored.
        if (hasRequiredFields(fieldsSoFar, requiredFields)) await validate(fieldsSoFar, known);
        return this.writer.write(file.stream, {
          bucket: this.config.S3_BUCKET,
          key,
          maxBytes: this.config.UPLOAD_MAX_BYTES,
          partBytes: this.config.UPLOAD_PART_BYTES,
          declaredType: file.declaredType,
          declaredSize: declaredSizeOf(fieldsSoFar),
        });
      },
    });
    await dossierLookup;
    if (!received.file)
      throw validationProblem([
        { field: 'file', message: localized('file is required', 'file là bắt buộc (phần chứa tệp)') },
      ]);
    const stored = received.file.result;
    try {
      // All fields, whatever their order relative to the file, against the dossier as the database has it now (the
      // lookup above may be a minute-old memory of another replica's status change).
      const dossier = await this.dossiers.visible(dossierCode, principal, this.dataSource.manager);
      const { fields, level } = await validate(received.fields, dossier);
      if (fields.size !== undefined && fields.size !== stored.size)
        throw sizeMismatch(fields.size, String(stored.size));
      const pageCount = await this.pages.count(stored, this.config.S3_BUCKET, key);
      const document = await this.documents.commit(
        this.dataSource.manager,
        dossier,
        {
          id: randomUUID(),
          dossierCode: dossier.code,
          componentCode: fields.componentCode,
          kind: fields.kind,
          origin: fields.origin,
          digitizationLevel: level.level,
          mimeType: stored.mimeType,
          sha256: stored.sha256,
          size: stored.size,
          pageCount,
          data: level.level === 'STRUCTURED' ? level.data : null,
          fileName: sanitizeFileName(received.file.fileName),
          bucket: this.config.S3_BUCKET,
          objectKey: key,
          version: previous ? previous.version + 1 : 1,
          previousVersionId: previous?.id ?? null,
          reusedFromRecordId: null,
          uploadedBy: principal.sub,
          agencyCode: dossier.agencyCode,
          createdAt: new Date(),
        },
        // Results and structured documents are what later procedures reuse (Decree 45/2020).
        fields.kind === 'RESULT' || level.level === 'STRUCTURED',
      );
      this.relay?.nudge();
      return toDocumentView(document.document, { recordId: document.recordId });
    } catch (error) {
      await this.client.removeObject(this.config.S3_BUCKET, key).catch((removeError: unknown) =>
        // The reaper removes it later.
        this.logger.warn({ err: removeError, key }, 'could not remove the object of a failed upload'),
      );
      throw error;
    }
  }
}

/** The uploader's file name, kept for Content-Disposition: no path, no control characters, bounded. */
export function sanitizeFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return clean || null;
}
