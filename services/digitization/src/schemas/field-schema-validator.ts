import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '@motcua/http';

/** Compiles component field schemas and reports data errors per field, as problem details want them. */
export class FieldSchemaValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
  }

  /** Throws with ajv's message when `schema` is not a usable JSON Schema. */
  compile(schema: Record<string, unknown>): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** Field errors of `data` against `schema`, with paths under `data` (empty when valid). */
  errorsOf(schema: Record<string, unknown>, data: unknown): FieldError[] {
    const validate = this.compile(schema);
    if (validate(data)) return [];
    return (validate.errors ?? []).map(toFieldError);
  }
}

function toFieldError(error: ErrorObject): FieldError {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') {
    path.push(String(error.params.additionalProperty));
    return { field: ['data', ...path].join('.'), message: 'is not a field of this form' };
  }
  const message = error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
  return { field: ['data', ...path].join('.'), message };
}
