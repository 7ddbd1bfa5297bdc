import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The path of the first string holding U+0000 (or a key holding it), or undefined. */
export function nulPathOf(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return itemPath;
    const found = nulPathOf(item, itemPath, depth + 1);
    if (found) return found;
  }
  return undefined;
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
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'validation',
          `The request has 1 invalid field: ${found}.`,
          [{ field: found, message: `${found} must not contain the NUL character` }],
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/** Bodies, queries and params are validated and stripped to their declared shape; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new NulRefusingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        `The request has ${fieldErrors.length} invalid field${fieldErrors.length === 1 ? '' : 's'}: ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}.`,
        fieldErrors,
      );
    },
  });
}
