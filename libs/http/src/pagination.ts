import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The last page any list serves. With the largest page size it keeps OFFSET far inside PostgreSQL's bigint and
 * JavaScript's safe integers (a `page=1e18` is a 400, not an overflow), and past it nobody pages by hand anyway.
 */
export const MAX_PAGE = 100_000;
/** The largest `pageSize` of the plain lists (a report may allow more with its own bound). */
export const MAX_PAGE_SIZE = 200;

/** `?page=&pageSize=` of every list endpoint; extend it with the list's own filters. */
export class PaginationQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
