import { HttpStatus } from '@nestjs/common';
import { localized, ProblemException } from '@motcua/http';

export function storageUnavailable(cause: unknown): ProblemException {
  const code = (cause as { code?: string }).code;
  return new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'object-storage-unavailable',
    localized(
      `The document store (S3) is not answering${code ? ` (${code})` : ''}; nothing was stored. Try again shortly.`,
      `Kho lưu trữ tài liệu (S3) không phản hồi${code ? ` (${code})` : ''}; chưa có gì được lưu. Vui lòng thử lại sau ít phút.`,
    ),
  );
}

/** S3 says the object is not there (as opposed to S3 not answering). */
export function isMissingObject(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound';
}
