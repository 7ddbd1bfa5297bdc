import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { localized, type LocalizedText, ProblemException } from '@motcua/http';

export interface FilePart {
  stream: Readable;
  fileName?: string;
  declaredType?: string;
}

export interface MultipartOptions<T> {
  /** The one file part allowed, named `file`. */
  maxFileBytes: number;
  maxFieldBytes: number;
  /**
   * Consumes the file stream (it must read it to the end or throw). `fieldsSoFar` holds the fields sent before
   * the file part, so a client that sends them first is checked before any byte is stored.
   */
  onFile: (file: FilePart, fieldsSoFar: Record<string, string>) => Promise<T>;
}

export interface MultipartResult<T> {
  fields: Record<string, string>;
  file?: { result: T; fileName?: string; declaredType?: string };
}

/** What we read and discard of a refused upload so the client still sees our answer, before hanging up. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

function badRequest(detail: LocalizedText, field?: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'invalid-multipart',
    detail,
    field ? [{ field, message: detail }] : [],
  );
}

function malformed(reason: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'invalid-multipart',
    localized(
      `The multipart request is malformed: ${reason}.`,
      `Yêu cầu multipart không đúng cấu trúc: ${reason}.`,
    ),
  );
}

/**
 * Reads the rest of a refused request and throws it away, so the client reads the problem details instead of a
 * reset connection; a client that keeps sending past DRAIN_LIMIT_BYTES is disconnected.
 */
export function discardRestOfRequest(request: IncomingMessage): void {
  if (request.readableEnded) return;
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DRAIN_LIMIT_BYTES) request.socket.destroy();
  });
  request.resume();
}

/**
 * Parses a multipart/form-data request with busboy as it arrives: fields into a map, the single `file` part
 * handed to `onFile` as a stream (never buffered here).
 */
export function receiveMultipart<T>(
  request: IncomingMessage,
  options: MultipartOptions<T>,
): Promise<MultipartResult<T>> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return Promise.reject(
      new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        localized(
          'Send the document as multipart/form-data with the fields first and the file in a part named "file".',
          'Hãy gửi tài liệu dạng multipart/form-data, các trường trước, tệp trong phần tên "file".',
        ),
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let fileHandling: Promise<MultipartResult<T>['file']> | undefined;
    let settled = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // Browsers send file names as raw UTF-8 (RFC 7578), not latin1.
        defParamCharset: 'utf8',
        // One byte past the limit lets the writer tell "exactly the limit" from "over it".
        limits: {
          files: 1,
          fileSize: options.maxFileBytes + 1,
          fieldSize: options.maxFieldBytes,
          fields: 20,
          parts: 25,
        },
      });
    } catch (error) {
      reject(malformed((error as Error).message));
      return;
    }

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      discardRestOfRequest(request);
      reject(error);
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated)
        return fail(
          badRequest(
            localized(
              `The field ${name} is larger than ${options.maxFieldBytes} bytes.`,
              `Trường ${name} lớn hơn ${options.maxFieldBytes} byte.`,
            ),
            name,
          ),
        );
      if (name in fields)
        return fail(
          badRequest(localized(`The field ${name} was sent twice.`, `Trường ${name} bị gửi hai lần.`), name),
        );
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return fail(
          badRequest(
            localized(
              `Unexpected file part "${name}"; the document goes in a part named "file".`,
              `Phần tệp "${name}" không được chờ đợi; tài liệu phải ở phần tên "file".`,
            ),
            name,
          ),
        );
      }
      const file: FilePart = {
        stream,
        fileName: info.filename || undefined,
        declaredType: info.mimeType || undefined,
      };
      fileHandling = options.onFile(file, { ...fields }).then((result) => ({
        result,
        fileName: file.fileName,
        declaredType: file.declaredType,
      }));
      fileHandling.catch(fail);
    });
    parser.on('filesLimit', () =>
      fail(badRequest(localized('Send one file per request.', 'Mỗi yêu cầu chỉ gửi một tệp.'), 'file')),
    );
    parser.on('fieldsLimit', () =>
      fail(badRequest(localized('Too many fields in the request.', 'Yêu cầu có quá nhiều trường.'))),
    );
    parser.on('partsLimit', () =>
      fail(badRequest(localized('Too many parts in the request.', 'Yêu cầu có quá nhiều phần.'))),
    );
    parser.on('error', (error) => fail(malformed((error as Error).message)));
    parser.on('close', () => {
      if (settled) return;
      void (fileHandling ?? Promise.resolve(undefined)).then((file) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    request.on('aborted', () =>
      fail(
        badRequest(localized('The client stopped sending the request.', 'Máy khách đã ngừng gửi yêu cầu.')),
      ),
    );
    request.pipe(parser);
  });
}
