import { FieldError, localized, nulPathOf, validationProblem } from '@motcua/http';
import {
  DOCUMENT_ORIGINS,
  DocumentKind,
  DocumentOrigin,
  UPLOADABLE_DOCUMENT_KINDS,
} from '../documents/document.entity';

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
  const refuse = (field: string, english: string, vietnamese: string) =>
    errors.push({ field, message: localized(`${field} ${english}`, `${field} ${vietnamese}`) });
  for (const name of Object.keys(fields))
    if (!KNOWN_FIELDS.has(name))
      refuse(name, 'is not a field of this request', 'không phải là trường của yêu cầu này');
  const componentCode = fields.componentCode ?? defaults.componentCode;
  if (componentCode === undefined) refuse('componentCode', 'is required', 'là bắt buộc');
  else if (!COMPONENT_CODE.test(componentCode))
    refuse(
      'componentCode',
      'must be 1-50 letters, digits, ".", "_" or "-"',
      'phải gồm 1-50 chữ cái, chữ số, ".", "_" hoặc "-"',
    );
  const kind = fields.kind ?? defaults.kind;
  if (kind === undefined) refuse('kind', 'is required', 'là bắt buộc');
  else if (!(UPLOADABLE_DOCUMENT_KINDS as readonly string[]).includes(kind))
    refuse(
      'kind',
      `must be one of ${UPLOADABLE_DOCUMENT_KINDS.join(', ')}`,
      `phải là một trong ${UPLOADABLE_DOCUMENT_KINDS.join(', ')}`,
    );
  const origin = fields.origin ?? defaults.origin;
  if (origin === undefined) refuse('origin', 'is required', 'là bắt buộc');
  else if (!(DOCUMENT_ORIGINS as readonly string[]).includes(origin))
    refuse(
      'origin',
      `must be one of ${DOCUMENT_ORIGINS.join(', ')}`,
      `phải là một trong ${DOCUMENT_ORIGINS.join(', ')}`,
    );
  let data: unknown;
  if (fields.data !== undefined) {
    try {
      data = JSON.parse(fields.data);
    } catch {
      refuse(
        'data',
        'must be JSON (the extracted data fields)',
        'phải là JSON (các trường dữ liệu trích xuất)',
      );
    }
    // PostgreSQL jsonb cannot hold U+0000.
    const nul = nulPathOf(data, 'data');
    if (nul) refuse(nul, 'must not contain the NUL character', 'không được chứa ký tự NUL');
  }
  let size: number | undefined;
  if (fields.size !== undefined) {
    size = declaredSizeOf(fields);
    if (size === undefined)
      refuse(
        'size',
        'must be the file size in bytes (an integer)',
        'phải là kích thước tệp tính bằng byte (số nguyên)',
      );
  }
  if (errors.length) throw validationProblem(errors);
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
