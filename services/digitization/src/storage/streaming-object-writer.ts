import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { ProblemException } from '@motcua/http';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import {
  declaredTypeAgrees,
  SNIFF_BYTES,
  sniffMimeType,
  StoredMimeType,
  STORED_MIME_TYPES,
} from '../uploads/mime-sniffer';
import { storageUnavailable } from './storage-errors';

export interface ObjectTarget {
  bucket: string;
  key: string;
  maxBytes: number;
  partBytes: number;
  /** The Content-Type the client declared for the file part, if any. */
  declaredType?: string;
}

export interface StoredObject {
  sha256: string;
  size: number;
  mimeType: StoredMimeType;
  /** The whole document when it fit in one part (it was in memory for the single PUT anyway). */
  singlePart?: Buffer;
}

export function tooLarge(maxBytes: number): ProblemException {
  return new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'content-too-large',
    `The document is larger than the limit of ${maxBytes} bytes.`,
  );
}

function unsupported(detail: string): ProblemException {
  return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', detail);
}

/** Our own refusals pass through; anything else on the way to S3 means the store is not answering. */
function asUploadError(error: unknown): unknown {
  return error instanceof ProblemException ? error : storageUnavailable(error);
}

/**
 * Streams a document into S3 while hashing, counting and sniffing it: memory holds at most about two parts
 * (one filling, one in flight), whatever the document's size. A document no larger than a part is one PUT;
 * a larger one is a multipart upload, aborted if anything fails. The content decides the MIME type.
 */
@Injectable()
export class StreamingObjectWriter {
  constructor(@Inject(OBJECT_STORAGE) private readonly client: Client) {}

  async write(source: AsyncIterable<Buffer>, target: ObjectTarget): Promise<StoredObject> {
    const hash = createHash('sha256');
    let size = 0;
    let mimeType: StoredMimeType | undefined;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let uploadId: string | undefined;
    const parts: Array<{ part: number; etag: string }> = [];
    let inFlight: Promise<void> | undefined;
    let partCount = 0;
    let singlePart: Buffer | undefined;

    const sendPart = async () => {
      const payload = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= await this.client.initiateNewMultipartUpload(target.bucket, target.key, {
        'Content-Type': mimeType!,
      });
      // One part in flight while the next fills: the client's upload keeps moving.
      await inFlight;
      partCount += 1;
      const part = partCount;
      const id = uploadId;
      inFlight = this.client
        .uploadPart(
          { bucketName: target.bucket, objectName: target.key, uploadID: id, partNumber: part, headers: {} },
          payload,
        )
        .then(({ etag }) => {
          parts.push({ part, etag });
        });
      inFlight.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled
    };

    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > target.maxBytes) throw tooLarge(target.maxBytes);
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (!mimeType && pendingBytes >= SNIFF_BYTES) mimeType = this.decide(pending, pendingBytes, target);
        if (pendingBytes >= target.partBytes) await sendPart();
      }
      mimeType ??= this.decide(pending, pendingBytes, target);
      if (uploadId === undefined) {
        singlePart = Buffer.concat(pending, pendingBytes);
        await this.client.putObject(target.bucket, target.key, singlePart, pendingBytes, {
          'Content-Type': mimeType,
        });
      } else {
        if (pendingBytes > 0) await sendPart();
        await inFlight;
        parts.sort((a, b) => a.part - b.part);
        await this.client.completeMultipartUpload(target.bucket, target.key, uploadId, parts);
      }
    } catch (error) {
      await inFlight?.catch(() => undefined);
      if (uploadId !== undefined)
        await this.client.abortMultipartUpload(target.bucket, target.key, uploadId).catch(() => undefined);
      throw asUploadError(error);
    }
    return { sha256: hash.digest('hex'), size, mimeType, singlePart };
  }

  private decide(pending: Buffer[], bytes: number, target: ObjectTarget): StoredMimeType {
    const head = Buffer.concat(pending, bytes).subarray(0, SNIFF_BYTES);
    const sniffed = sniffMimeType(head);
    if (!sniffed)
      throw unsupported(
        `The file is not one of the accepted document formats (${STORED_MIME_TYPES.join(', ')}), judging by its content.`,
      );
    if (!declaredTypeAgrees(target.declaredType, sniffed))
      throw unsupported(`The file was declared as ${target.declaredType} but its content is ${sniffed}.`);
    return sniffed;
  }
}
