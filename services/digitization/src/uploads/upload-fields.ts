import { HttpStatus } from '@nestjs/common';
import { FieldError, nulPathOf, ProblemException } from '@motcua/http';
import { DOCUMENT_KINDS, DOCUMENT_ORIGINS, DocumentKind, DocumentOrigin } from '../documents/document.entity';

export const COMPONENT_CODE = /^[A-Za-z0-9._-]{1,50}$/;

export interface UploadFields {
  componentCode: string;
  kind: DocumentKind;
  origin: DocumentOrigin;
  /** The extracted data fields, parsed; undefined when none were sent. */
  data?: unknown;
  /** The file's size in bytes, if the client declared it (before the file part: then it streams as one PUT). */
  size?: number;
}

const KNOWN_FIELDS = new Set(['componentCode', 'kind', 'origin', 'data', 'size']);

/** Whether the fields an upload needs have arrived (they may all come before the file part). */
export function hasRequiredFields(fields: Record<string, string>, required: string[]): boolean {
  return required.every((name) => name in fields);
}

/**
 * The form fields of an upload, checked like a JSON body: every problem named at once.
 * `defaults` supplies what a new version inherits from the version it corrects.
 */
export function parseUploadFields(
  fields: Record<string, string>,
  defaults: Partial<UploadFields> = {},
): UploadFields {
  const errors: FieldError[] = [];
  for (const name of Object.keys(fields))
    if (!KNOWN_FIELDS.has(name)) errors.push({ field: name, message: 'is not a field of this request' });
  const componentCode = fields.componentCode ?? defaults.componentCode;
  if (componentCode === undefined) errors.push({ field: 'componentCode', message: 'is required' });
  else if (!COMPONENT_CODE.test(componentCode))
    errors.push({ field: 'componentCode', message: 'must be 1-50 letters, digits, ".", "_" or "-"' });
  const kind = fields.kind ?? defaults.kind;
  if (kind === undefined) errors.push({ field: 'kind', message: 'is required' });
  else if (!(DOCUMENT_KINDS as readonly string[]).includes(kind))
    errors.push({ field: 'kind', message: `must be one of ${DOCUMENT_KINDS.join(', ')}` });
  const origin = fields.origin ?? defaults.origin;
  if (origin === undefined) errors.push({ field: 'origin', message: 'is required' });
  else if (!(DOCUMENT_ORIGINS as readonly string[]).includes(origin))
    errors.push({ field: 'origin', message: `must be one of ${DOCUMENT_ORIGINS.join(', ')}` });
  let data: unknown;
  if (fields.data !== undefined) {
    try {
      data = JSON.parse(fields.data);
    } catch {
      errors.push({ field: 'data', message: 'must be JSON (the extracted data fields)' });
    }
    // PostgreSQL jsonb cannot hold U+0000.
    const nul = nulPathOf(data, 'data');
    if (nul) errors.push({ field: nul, message: 'must not contain the NUL character' });
  }
  let size: number | undefined;
  if (fields.size !== undefined) {
    size = declaredSizeOf(fields);
    if (size === undefined)
      errors.push({ field: 'size', message: 'must be the file size in bytes (an integer)' });
  }
  if (errors.length)
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'validation',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      errors,
    );
  return {
    componentCode: componentCode!,
    kind: kind as DocumentKind,
    origin: origin as DocumentOrigin,
    ...(data !== undefined ? { data } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}

/** The `size` field as a byte count, or undefined when absent or not a non-negative integer. */
export function declaredSizeOf(fields: Record<string, string>): number | undefined {
  if (fields.size === undefined || !/^\d{1,15}$/.test(fields.size)) return undefined;
  return Number(fields.size);
}
