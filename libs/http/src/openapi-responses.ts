import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** The envelope of every list endpoint (Page<T> of @motcua/persistence), documented once as `Page`. */
export class Page {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
  pageSize: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Items in all pages' })
  total: number;

  @ApiProperty({ type: 'array', items: {}, description: 'This page' })
  items: unknown[];
}

/** A 200 answering one page of `item`: the `Page` envelope with its items typed. */
export function ApiPagedResponse(item: Type<unknown>, description = 'One page, in a stable order') {
  return applyDecorators(
    ApiExtraModels(Page, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(Page) },
          { properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

/** A 200 answering a file: each media type a binary string (a text one, such as text/csv, a plain string). */
export function ApiFileResponse(description: string, ...mediaTypes: string[]) {
  return ApiOkResponse({
    description,
    content: Object.fromEntries(
      mediaTypes.map((mediaType) => [
        mediaType,
        {
          schema: mediaType.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' },
        },
      ]),
    ),
  });
}

/** One entry of a service's change log of national resources (`GET /change-log`, @motcua/persistence ChangeView). */
export class ChangeLogEntryResponse {
  @ApiProperty({ example: '42', description: 'A bigint, as a string' })
  id: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'admin-bo-noi-vu' })
  actor: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.H49' })
  actorAgency: string | null;

  @ApiProperty({ example: 'trust-anchor' })
  resource: string;

  @ApiProperty({ example: '3f5a…' })
  resourceId: string;

  @ApiProperty({ enum: ['CREATE', 'UPDATE', 'WITHDRAW'] })
  action: 'CREATE' | 'UPDATE' | 'WITHDRAW';

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after: Record<string, unknown> | null;
}
