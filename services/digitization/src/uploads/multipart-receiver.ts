import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ProblemException } from '@motcua/http';

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

function badRequest(detail: string, field?: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'invalid-multipart',
    detail,
    field ? [{ field, message: detail }] : [],
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
        'Send the document as multipart/form-data with the fields first and the file in a part named "file".',
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
      reject(badRequest(`The multipart request is malformed: ${(error as Error).message}.`));
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
        return fail(badRequest(`The field ${name} is larger than ${options.maxFieldBytes} bytes.`, name));
      if (name in fields) return fail(badRequest(`The field ${name} was sent twice.`, name));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return fail(
          badRequest(`Unexpected file part "${name}"; the document goes in a part named "file".`, name),
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
    parser.on('filesLimit', () => fail(badRequest('Send one file per request.', 'file')));
    parser.on('fieldsLimit', () => fail(badRequest('Too many fields in the request.')));
    parser.on('partsLimit', () => fail(badRequest('Too many parts in the request.')));
    parser.on('error', (error) =>
      fail(badRequest(`The multipart request is malformed: ${(error as Error).message}.`)),
    );
    parser.on('close', () => {
      if (settled) return;
      void (fileHandling ?? Promise.resolve(undefined)).then((file) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    request.on('aborted', () => fail(badRequest('The client stopped sending the request.')));
    request.pipe(parser);
  });
}
