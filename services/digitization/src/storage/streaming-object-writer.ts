import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { localized, type LocalizedText, ProblemException, validationProblem } from '@motcua/http';
import { createObjectStorageClient, OBJECT_STORAGE } from '@motcua/object-storage';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { DigitizationConfig } from '../config/digitization.config';
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
  /** The file size the client declared (the `size` field) before the file part, if it did. */
  declaredSize?: number;
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
    localized(
      `The document is larger than the limit of ${maxBytes} bytes.`,
      `Tài liệu lớn hơn giới hạn ${maxBytes} byte.`,
    ),
  );
}

/** The size field declared another size than the file part had. */
export function sizeMismatch(declared: number, actual: string): ProblemException {
  return validationProblem([
    {
      field: 'size',
      message: localized(
        `size declared ${declared} bytes but the file has ${actual}`,
        `size khai ${declared} byte nhưng tệp có ${actual} byte`,
      ),
    },
  ]);
}

function unsupported(detail: LocalizedText): ProblemException {
  return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', detail);
}

/** Our own refusals pass through; anything else on the way to S3 means the store is not answering. */
function asUploadError(error: unknown): unknown {
  return error instanceof ProblemException ? error : storageUnavailable(error);
}

/**
 * Streams a document into S3 while hashing, counting and sniffing it; the content decides the MIME type.
 * - A document whose size the client declared is one PUT of that length, streamed as the bytes arrive (receiving
 *   and sending overlap; nothing is held beyond the socket buffers, but a small PDF's bytes for its page count),
 *   and a file that turns out longer or shorter than declared is refused (the PUT is cut off, so S3 keeps nothing).
 * - Otherwise a document no larger than a part is one PUT (its bytes are in memory: at most one part).
 * - A larger one of unknown size is a multipart upload (S3 needs each request's length up front): one part
 *   filling while the previous is sent, aborted if anything fails.
 * Either way memory per upload stays below about two parts, whatever the document's size.
 */
@Injectable()
export class StreamingObjectWriter {
  /** Sends a stream as the PUT body with the declared length; a stream cannot be replayed, so no retry. */
  private readonly streamingClient: Client;

  constructor(
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SERVICE_CONFIG) private readonly config: DigitizationConfig,
  ) {
    this.streamingClient = createObjectStorageClient(config);
    // UNSIGNED-PAYLOAD, as the client already does over https: the body's SHA-256 is not known before it is sent.
    Object.assign(this.streamingClient, { enableSHA256: false, retryOptions: { disableRetry: true } });
  }

  async write(source: AsyncIterable<Buffer>, target: ObjectTarget): Promise<StoredObject> {
    if (target.declaredSize !== undefined && target.declaredSize > target.maxBytes)
      throw tooLarge(target.maxBytes);
    if (target.declaredSize !== undefined) return this.writeDeclaredSize(source, target, target.declaredSize);
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
        await this.put(target, singlePart, singlePart.length, mimeType);
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

  private async writeDeclaredSize(
    source: AsyncIterable<Buffer>,
    target: ObjectTarget,
    declaredSize: number,
  ): Promise<StoredObject> {
    const hash = createHash('sha256');
    let size = 0;
    let mimeType: StoredMimeType | undefined;
    let head: Buffer[] = [];
    // A PDF small enough for its page count is kept (at most one part), as the buffered way would have it.
    let kept: Buffer[] | undefined;
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    let put: Promise<void> | undefined;

    const send = async (chunk: Buffer) => {
      if (body.write(chunk)) return;
      // Wait for S3 to take more, or for the PUT to fail (then 'drain' never comes).
      await Promise.race([once(body, 'drain'), put]);
    };
    const start = async () => {
      mimeType = this.decide(head, size, target);
      if (mimeType === 'application/pdf' && declaredSize <= target.partBytes) kept = [];
      put = this.put(target, body, declaredSize, mimeType);
      put.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled
      const first = Buffer.concat(head, size);
      head = [];
      kept?.push(first);
      await send(first);
    };

    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > target.maxBytes) throw tooLarge(target.maxBytes);
        if (size > declaredSize) throw sizeMismatch(declaredSize, `more than ${declaredSize}`);
        hash.update(chunk);
        if (put) {
          kept?.push(chunk);
          await send(chunk);
        } else {
          head.push(chunk);
          if (size >= SNIFF_BYTES) await start();
        }
      }
      if (size !== declaredSize) throw sizeMismatch(declaredSize, String(size));
      if (!put) await start();
      body.end();
      await put!;
    } catch (error) {
      // Cutting the body off short of its Content-Length makes S3 discard the request. Before the PUT started
      // nothing listens to the body, and an error event there would be unhandled.
      if (put) body.destroy(error as Error);
      else body.destroy();
      await put?.catch(() => undefined);
      throw asUploadError(error);
    }
    return {
      sha256: hash.digest('hex'),
      size,
      mimeType: mimeType!,
      singlePart: kept && Buffer.concat(kept, size),
    };
  }

  /**
   * One PUT of `length` bytes. Unsigned payload and no MD5: the minio client would otherwise hash every byte twice
   * more (SHA-256 to sign, MD5 for Content-MD5) on top of the SHA-256 this service keeps anyway.
   */
  private async put(target: ObjectTarget, body: Buffer | PassThrough, length: number, mimeType: string) {
    const response = await this.streamingClient.makeRequestStreamAsync(
      {
        method: 'PUT',
        bucketName: target.bucket,
        objectName: target.key,
        headers: { 'Content-Length': String(length), 'Content-Type': mimeType },
      },
      body,
      '',
      [200],
      this.config.S3_REGION,
    );
    response.resume();
  }

  private decide(pending: Buffer[], bytes: number, target: ObjectTarget): StoredMimeType {
    const head = Buffer.concat(pending, bytes).subarray(0, SNIFF_BYTES);
    const sniffed = sniffMimeType(head);
    if (!sniffed)
      throw unsupported(
        localized(
          `The file is not one of the accepted document formats (${STORED_MIME_TYPES.join(', ')}), judging by its content.`,
          `Theo nội dung, tệp không thuộc các định dạng tài liệu được chấp nhận (${STORED_MIME_TYPES.join(', ')}).`,
        ),
      );
    if (!declaredTypeAgrees(target.declaredType, sniffed))
      throw unsupported(
        localized(
          `The file was declared as ${target.declaredType} but its content is ${sniffed}.`,
          `Tệp được khai là ${target.declaredType} nhưng nội dung là ${sniffed}.`,
        ),
      );
    return sniffed;
  }
}
