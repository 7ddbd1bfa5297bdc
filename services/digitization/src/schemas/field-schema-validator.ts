import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { localized, type FieldError } from '@motcua/http';

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

/** ajv has no Vietnamese messages (ajv-i18n has none): the keywords a component schema uses, said here. */
function vietnameseOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'là bắt buộc';
    case 'additionalProperties':
      return 'không phải là trường của tờ khai này';
    case 'type':
      return `phải có kiểu ${String(params.type)}`;
    case 'pattern':
      return `không đúng định dạng (mẫu ${String(params.pattern)})`;
    case 'format':
      return `phải có định dạng ${String(params.format)}`;
    case 'enum':
      return `phải là một trong các giá trị: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `phải bằng ${JSON.stringify(params.allowedValue)}`;
    case 'minLength':
      return `phải có ít nhất ${String(params.limit)} ký tự`;
    case 'maxLength':
      return `chỉ được có tối đa ${String(params.limit)} ký tự`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `phải ${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `phải có ít nhất ${String(params.limit)} phần tử`;
    case 'maxItems':
      return `chỉ được có tối đa ${String(params.limit)} phần tử`;
    default:
      return 'không hợp lệ';
  }
}

function toFieldError(error: ErrorObject): FieldError {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  const field = ['data', ...path].join('.');
  const english =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'additionalProperties'
        ? 'is not a field of this form'
        : (error.message ?? 'is invalid');
  return { field, message: localized(`${field} ${english}`, `${field} ${vietnameseOf(error)}`) };
}
