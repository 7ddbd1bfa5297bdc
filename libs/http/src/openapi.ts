import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Where @nestjs/swagger keeps @ApiProperty options (per property) and the list of documented properties. */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

/** Marks an operation that needs no token (set by @Public() through an OpenAPI extension). */
export const PUBLIC_OPERATION_EXTENSION = 'x-motcua-public';

type SchemaOptions = Record<string, unknown>;

/** The OpenAPI constraint a class-validator decorator enforces, or nothing when it has no schema equivalent. */
function constraintOf(metadata: ValidationMetadata): SchemaOptions | undefined {
  const [first, second] = (metadata.constraints ?? []) as unknown[];
  switch (metadata.name) {
    case 'matches':
      return first instanceof RegExp ? { pattern: first.source } : { pattern: String(first) };
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'isLength':
      return { minLength: first, ...(second === undefined ? {} : { maxLength: second }) };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'isEnum':
      return { enum: [...(second as unknown[])] };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'isUuid':
      return { format: 'uuid' };
    case 'isBoolean':
      return { type: 'boolean' };
    default:
      return undefined;
  }
}

/**
 * Copies what the validators enforce (patterns, lengths, bounds, integers, enums, array sizes) into the
 * @ApiProperty metadata of every validated class, so the documents carry the very constants the validators use
 * instead of a re-typed copy. What a class states itself in @ApiProperty wins. Properties validated but not
 * documented become documented (the whitelist accepts them, so clients may send them).
 */
export function documentValidationConstraints(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<object, ValidationMetadata[]>;
  };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const prototype = (target as { prototype: object }).prototype;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas) {
      if (!metadata.propertyName) continue;
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    }
    const documented: string[] = Reflect.getOwnMetadata(API_MODEL_PROPERTIES_ARRAY, prototype) ?? [];
    const added: string[] = [];
    for (const [property, rules] of byProperty) {
      const existing: SchemaOptions | undefined = Reflect.getMetadata(
        API_MODEL_PROPERTIES,
        prototype,
        property,
      );
      const optional = rules.some((rule) => rule.type === 'conditionalValidation');
      const each = rules.some((rule) => rule.each);
      const derived: SchemaOptions = {};
      for (const rule of rules) Object.assign(derived, constraintOf(rule));
      const designType = Reflect.getMetadata('design:type', prototype, property) as unknown;
      const base: SchemaOptions = existing ?? {
        required: !optional,
        type: each ? [designType === Array ? String : designType] : designType,
      };
      const explicitType = base.type;
      const merged: SchemaOptions = each
        ? { ...base, items: { ...derived, ...((base.items as SchemaOptions) ?? {}) } }
        : { ...derived, ...base };
      // An @IsInt() property reads as a Number to TypeScript: the schema says integer.
      if (!each && derived.type === 'integer' && (explicitType === Number || explicitType === undefined)) {
        merged.type = 'integer';
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, merged, prototype, property);
      if (!existing && !documented.includes(`:${property}`)) added.push(`:${property}`);
    }
    if (added.length)
      Reflect.defineMetadata(API_MODEL_PROPERTIES_ARRAY, [...documented, ...added], prototype);
  }
}

const PROBLEM_JSON = 'application/problem+json';

/** The refusals every operation may answer, declared once in components.responses and referenced. */
const COMMON_RESPONSES: Record<string, { name: string; description: string; slug: string }> = {
  '400': {
    name: 'BadRequest',
    description: 'Invalid input: `errors[]` names each field',
    slug: 'validation',
  },
  '401': { name: 'Unauthorized', description: 'No valid bearer token', slug: 'unauthorized' },
  '403': { name: 'Forbidden', description: "Outside the caller's roles or agency scope", slug: 'forbidden' },
  '404': { name: 'NotFound', description: "No such resource in the caller's scope", slug: 'not-found' },
  '409': { name: 'Conflict', description: 'Conflicts with the current state', slug: 'conflict' },
  '413': {
    name: 'ContentTooLarge',
    description: 'The body is larger than accepted',
    slug: 'content-too-large',
  },
  '415': {
    name: 'UnsupportedMediaType',
    description: 'The body is of a type this operation does not accept',
    slug: 'unsupported-media-type',
  },
  '422': { name: 'Unprocessable', description: 'Well-formed but refused by a rule', slug: 'unprocessable' },
  '429': {
    name: 'TooManyRequests',
    description: 'Too many requests; see Retry-After',
    slug: 'too-many-requests',
  },
  '503': {
    name: 'ServiceUnavailable',
    description: 'A dependency (database, broker, upstream) is down; retry after Retry-After seconds',
    slug: 'unavailable',
  },
};

const RETRY_AFTER_HEADER = {
  description: 'Seconds to wait before retrying',
  schema: { type: 'integer', minimum: 0 },
};

function problemComponents(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.schemas ??= {};
  components.schemas.FieldError = {
    type: 'object',
    required: ['field', 'message'],
    description:
      'One refused value: `pointer` for a body field, `parameter` for a query or path parameter, `header` for a header',
    properties: {
      field: { type: 'string', description: 'The field in dotted form', example: 'applicant.idNumber' },
      pointer: {
        type: 'string',
        description:
          'JSON Pointer (RFC 6901, URI-fragment form as in RFC 9457 §3) to the refused value in the request body',
        example: '#/applicant/idNumber',
      },
      parameter: {
        type: 'string',
        description: 'The refused query or path parameter',
        example: 'agencyCode',
      },
      header: { type: 'string', description: 'The refused request header', example: 'Idempotency-Key' },
      message: {
        type: 'string',
        description: 'In the language of the answer (Content-Language)',
        example: 'applicant.idNumber phải gồm đúng 12 chữ số',
      },
    },
  };
  components.schemas.ProblemDetails = {
    type: 'object',
    description: 'RFC 9457 problem details; title and detail in Vietnamese with Accept-Language: vi',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', example: 'urn:motcua:problem:validation' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
      detail: { type: 'string', example: 'The request has 1 invalid field: applicant.idNumber.' },
      instance: { type: 'string', example: '/dossiers' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    },
    additionalProperties: true,
  };
  components.responses ??= {};
  for (const [status, { name, description, slug }] of Object.entries(COMMON_RESPONSES)) {
    components.responses[name] = {
      description,
      ...(status === '503' || status === '429' ? { headers: { 'Retry-After': RETRY_AFTER_HEADER } } : {}),
      content: {
        [PROBLEM_JSON]: {
          schema: { $ref: '#/components/schemas/ProblemDetails' },
          example: { type: `urn:motcua:problem:${slug}`, title: description, status: Number(status) },
        },
      },
    };
  }
}

/** "listDossiers" → "List dossiers": the fallback summary of an operation that declares none. */
function summaryOf(operationId: string): string {
  const words = (operationId.split('_').pop() ?? operationId)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ in: string }>;
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, unknown>;
  security?: unknown[];
  [extension: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Every operation gets a summary, security (none for public ones), and the problem responses it can return: 400
 * when it takes input, 401/403 when it needs a token, 404 when its path names a resource, 413/415 when it takes a
 * body, 503 always (its database or broker may be down). A status the route declares itself keeps its description
 * and gets the problem schema.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  problemComponents(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      operation.summary ??= summaryOf(operation.operationId ?? method);
      const isPublic = operation[PUBLIC_OPERATION_EXTENSION] === true;
      delete operation[PUBLIC_OPERATION_EXTENSION];
      if (isPublic) operation.security = [];
      const statuses = new Set<string>(['503']);
      if (operation.parameters?.length || operation.requestBody) statuses.add('400');
      if (!isPublic) ['401', '403'].forEach((status) => statuses.add(status));
      if (/\{[^}]+\}/.test(path)) statuses.add('404');
      if (operation.requestBody) ['413', '415'].forEach((status) => statuses.add(status));
      for (const status of Object.keys(operation.responses))
        if (COMMON_RESPONSES[status]) statuses.add(status);
      for (const status of [...statuses].sort()) {
        const declared = operation.responses[status] as
          { description?: string; content?: unknown } | undefined;
        const ref = { $ref: `#/components/responses/${COMMON_RESPONSES[status].name}` };
        operation.responses[status] =
          declared && declared.description && declared.description !== COMMON_RESPONSES[status].description
            ? {
                ...(document.components!.responses![COMMON_RESPONSES[status].name] as object),
                description: declared.description,
              }
            : ref;
      }
    }
  }
  return document;
}

export interface OpenApiInfo {
  title: string;
  description: string;
}

/** The service's OpenAPI 3.1 document, as served at /docs-json and committed as openapi/<service>.json. */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  documentValidationConstraints();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  return completeOpenApiDocument(document);
}
