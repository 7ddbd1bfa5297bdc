import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { localized, ProblemException } from '@motcua/http';

export const tooLarge = (limit: number) =>
  new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'payload-too-large',
    localized(
      `The file is larger than the ${limit} bytes accepted.`,
      `Tệp lớn hơn mức ${limit} byte được chấp nhận.`,
    ),
  );

const malformed = (reason: string) =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    'invalid-multipart',
    localized(
      `The multipart request is malformed: ${reason}.`,
      `Yêu cầu multipart không đúng cấu trúc: ${reason}.`,
    ),
  );

/** The raw body of a non-JSON request (a PEM or DER upload), refused beyond `limit` bytes with 413. */
export function readRawBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export interface UploadedFiles {
  /** Part name → bytes (only the names asked for). */
  files: Map<string, Buffer>;
}

/**
 * Reads a multipart/form-data request with busboy into memory, keeping only the named file parts,
 * each refused beyond `limit` bytes with 413 (the rest of the upload is drained, not stored).
 */
export function readMultipart(request: Request, names: string[], limit: number): Promise<UploadedFiles> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fileSize: limit, files: names.length + 2, fields: 10, parts: 20 },
      });
    } catch (error) {
      reject(malformed((error as Error).message));
      return;
    }
    const files = new Map<string, Buffer>();
    let failure: ProblemException | undefined;
    parser.on('file', (name, stream) => {
      if (!names.includes(name) || files.has(name)) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure ??= tooLarge(limit);
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (!failure) files.set(name, Buffer.concat(chunks));
      });
    });
    parser.on('error', (error: Error) => reject(malformed(error.message)));
    parser.on('close', () => (failure ? reject(failure) : resolve({ files })));
    request.pipe(parser);
  });
}
