import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { localized, type LocalizedText } from './i18n/language';
import { validationMessage } from './i18n/validation-messages';
import { FieldError, FieldLocation, ProblemException } from './problem';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: validationMessage(error, constraint, message, field),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** "The request has 2 invalid fields: a, b." in both languages. */
export function invalidFieldsDetail(fields: readonly string[]): LocalizedText {
  const names = [...new Set(fields)];
  return localized(
    `The request has ${names.length} invalid field${names.length === 1 ? '' : 's'}: ${names.join(', ')}.`,
    `Yêu cầu có ${names.length} trường không hợp lệ: ${names.join(', ')}.`,
  );
}

/** A 400 naming each refused value. */
export function validationProblem(errors: FieldError[]): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'validation',
    invalidFieldsDetail(errors.map((e) => e.field)),
    errors,
  );
}

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], FieldLocation>> = {
  body: 'body',
  query: 'query',
  param: 'path',
};

/** The path of the first string (or key) for which `test` holds, or undefined. */
function firstStringPath(
  value: unknown,
  test: (text: string) => boolean,
  path = '',
  depth = 0,
): string | undefined {
  if (typeof value === 'string') return test(value) ? path || 'value' : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (test(key)) return itemPath;
    const found = firstStringPath(item, test, itemPath, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The path of the first string holding U+0000 (or a key holding it), or undefined. */
export function nulPathOf(value: unknown, path = ''): string | undefined {
  return firstStringPath(value, (text) => text.includes('\u0000'), path);
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string holding half of a UTF-16 surrogate pair (not Unicode text), or undefined. */
export function loneSurrogatePathOf(value: unknown, path = ''): string | undefined {
  return firstStringPath(value, (text) => LONE_SURROGATE.test(text), path);
}

/**
 * PostgreSQL text cannot hold U+0000: a NUL in a path parameter, query or body field would fail deep in a query
 * (a 500). Refused here, before validation, for every argument a request brings.
 */
class NulRefusingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const found = nulPathOf(
        value,
        metadata.type === 'param' || metadata.type === 'query' ? (metadata.data ?? '') : '',
      );
      if (found) {
        throw validationProblem([
          {
            field: found,
            message: localized(
              `${found} must not contain the NUL character`,
              `${found} không được chứa ký tự NUL`,
            ),
            in: LOCATIONS[metadata.type],
          },
        ]);
      }
      // Not text in any encoding (JSON's "\ud83d" alone): validator's isEmail throws on it (a 500), UTF-8 cannot hold it.
      const broken = loneSurrogatePathOf(
        value,
        metadata.type === 'param' || metadata.type === 'query' ? (metadata.data ?? '') : '',
      );
      if (broken) {
        throw validationProblem([
          {
            field: broken,
            message: localized(
              `${broken} must be Unicode text (it holds half of a surrogate pair)`,
              `${broken} phải là văn bản Unicode hợp lệ (có nửa cặp surrogate)`,
            ),
            in: LOCATIONS[metadata.type],
          },
        ]);
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      // The exception factory does not know where the value came from; the pipe does.
      const location = LOCATIONS[metadata.type];
      if (error instanceof ProblemException && location) {
        for (const fieldError of error.errors) fieldError.in ??= location;
      }
      throw error;
    }
  }
}

/** Bodies, queries and params are validated and stripped to their declared shape; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new NulRefusingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The validated object lets validationMessage read a constraint's bound (e.g. @Min's) back for its Vietnamese text.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}
