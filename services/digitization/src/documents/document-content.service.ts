import type { IntegrityCheckResponse } from './document.response';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { DataSource } from 'typeorm';
import { Principal } from '@motcua/auth';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { isMissingObject, storageUnavailable } from '../storage/storage-errors';
import { parseRange, RangeRequest } from './byte-range';
import { DocumentLookup } from './document-lookup';
import { DocumentEntity } from './document.entity';
import { IntegrityCheckEntity, IntegrityOutcome } from './integrity-check.entity';

export interface DocumentContent {
  document: DocumentEntity;
  range: RangeRequest;
  /** Absent for a 416 answer. */
  body?: Readable;
}

/** Reads stored objects back: downloads (whole or one byte range) and integrity checks. */
@Injectable()
export class DocumentContentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: DocumentLookup,
    @Inject(OBJECT_STORAGE) private readonly client: Client,
  ) {}

  async open(id: string, principal: Principal, rangeHeader: string | undefined): Promise<DocumentContent> {
    const document = await this.lookup.live(id, principal);
    const range = parseRange(rangeHeader, document.size);
    if (range.kind === 'unsatisfiable') return { document, range };
    try {
      const body =
        range.kind === 'partial'
          ? await this.client.getPartialObject(
              document.bucket,
              document.objectKey,
              range.start,
              range.end - range.start + 1,
            )
          : await this.client.getObject(document.bucket, document.objectKey);
      return { document, range, body };
    } catch (error) {
      throw storageUnavailable(error);
    }
  }

  /**
   * Re-reads the object from S3 and compares its SHA-256 with the one taken at upload; the result is recorded.
   * An object altered or removed behind the service's back shows as ALTERED or MISSING.
   */
  async checkIntegrity(id: string, principal: Principal): Promise<IntegrityCheckResponse> {
    const document = await this.lookup.live(id, principal);
    let actual: string | null = null;
    let outcome: IntegrityOutcome;
    try {
      const hash = createHash('sha256');
      for await (const chunk of await this.client.getObject(document.bucket, document.objectKey))
        hash.update(chunk as Buffer);
      actual = hash.digest('hex');
      outcome = actual === document.sha256 ? 'INTACT' : 'ALTERED';
    } catch (error) {
      if (!isMissingObject(error)) throw storageUnavailable(error);
      outcome = 'MISSING';
    }
    const check: IntegrityCheckEntity = {
      id: randomUUID(),
      documentId: document.id,
      checkedBy: principal.sub,
      expectedSha256: document.sha256,
      actualSha256: actual,
      outcome,
      checkedAt: new Date(),
    };
    await this.dataSource.manager.insert(IntegrityCheckEntity, check);
    return {
      documentId: document.id,
      outcome,
      intact: outcome === 'INTACT',
      expectedSha256: check.expectedSha256,
      actualSha256: actual,
      checkedAt: check.checkedAt.toISOString(),
    };
  }
}
