import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** What every list endpoint answers: one page of items and the total to page through. */
export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

/**
 * Runs an ordered query for one page (`page` from 1) and maps its rows to their API view. The caller orders the
 * query; the order must be total (end it with a unique column) so that pages neither repeat nor skip rows.
 * The request DTO bounds `page` and `pageSize` (a 400); this check only keeps a caller that skipped it from sending
 * PostgreSQL an OFFSET it cannot hold.
 */
export async function pageOf<Row extends ObjectLiteral, View>(
  query: SelectQueryBuilder<Row>,
  page: number,
  pageSize: number,
  view: (row: Row) => View,
): Promise<Page<View>> {
  const offset = (page - 1) * pageSize;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page and pageSize must be positive whole numbers: ${page}, ${pageSize}`);
  if (!Number.isSafeInteger(offset)) throw new RangeError(`page ${page} of ${pageSize} is out of range`);
  const [rows, total] = await query.skip(offset).take(pageSize).getManyAndCount();
  return { page, pageSize, total, items: rows.map(view) };
}

/** One page of an audit trail, newest first (its `at`, then its `id`, so that the order is total). */
export function pageNewestFirst<Row extends ObjectLiteral, View>(
  query: SelectQueryBuilder<Row>,
  page: number,
  pageSize: number,
  view: (row: Row) => View,
): Promise<Page<View>> {
  const alias = query.alias;
  return pageOf(query.orderBy(`${alias}.at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC'), page, pageSize, view);
}
