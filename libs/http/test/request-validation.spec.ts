import { IsEmail } from 'class-validator';
import { ProblemException } from '../src/problem';
import { isInstant } from '../src/is-instant.decorator';
import { MAX_PAGE, PaginationQuery } from '../src/pagination';
import { createValidationPipe } from '../src/validation';

const pipe = createValidationPipe();

async function problemOf(run: Promise<unknown>): Promise<{ status: number; fields: string[] }> {
  try {
    await run;
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.getStatus(), fields: [...new Set(error.errors.map((e) => e.field))] };
  }
  throw new Error('expected a problem');
}

const query = (value: Record<string, string>) =>
  pipe.transform(value, { type: 'query', metatype: PaginationQuery }) as Promise<PaginationQuery>;

describe('bounded pagination', () => {
  it('takes pages and page sizes inside the bounds as numbers', async () => {
    expect(await query({ page: '1', pageSize: '1' })).toEqual({ page: 1, pageSize: 1 });
    expect(await query({ page: String(MAX_PAGE), pageSize: '200' })).toEqual({
      page: MAX_PAGE,
      pageSize: 200,
    });
    expect(await query({})).toEqual({});
  });

  it.each([
    ['1e18', 'page'],
    [String(MAX_PAGE + 1), 'page'],
    ['0', 'page'],
    ['-1', 'page'],
    ['1.5', 'page'],
    ['abc', 'page'],
    ['Infinity', 'page'],
  ])('refuses page=%s with a 400 naming the field', async (page, field) => {
    expect(await problemOf(query({ page }))).toEqual({ status: 400, fields: [field] });
  });

  it('refuses a page size beyond the maximum', async () => {
    const problem = await problemOf(query({ pageSize: '201' }));
    expect(problem).toEqual({ status: 400, fields: ['pageSize'] });
  });
});

describe('instants', () => {
  it.each(['2026-03-02', '2026-03-02T09:30Z', '2026-03-02T09:30:00+07:00', '2026-03-02T02:30:00.123456Z'])(
    'takes %s',
    (value) => expect(isInstant(value)).toBe(true),
  );

  // Week and ordinal dates pass @IsISO8601 but new Date() cannot read them.
  it.each([
    '2020-W01',
    '2020-W01-1',
    '2020-001',
    '20260101',
    '2020-02-30',
    '2026-03-02T25:00:00Z',
    '2026-03-02T09:30',
    42,
  ])('refuses %s', (value) => expect(isInstant(value)).toBe(false));
});

describe('NUL characters, which PostgreSQL text cannot hold', () => {
  it('are a 400 naming the field, in a path parameter, a query or anywhere in a body', async () => {
    expect(
      await problemOf(pipe.transform('a\u0000b', { type: 'param', data: 'code', metatype: String })),
    ).toEqual({
      status: 400,
      fields: ['code'],
    });
    expect(await problemOf(query({ page: '1', pageSize: '\u0000' }))).toEqual({
      status: 400,
      fields: ['pageSize'],
    });
    const body = { applicant: { names: ['ok', 'x\u0000'] } };
    expect(await problemOf(pipe.transform(body, { type: 'body', metatype: Object }))).toEqual({
      status: 400,
      fields: ['applicant.names[1]'],
    });
    expect(await problemOf(pipe.transform({ ['k\u0000']: 1 }, { type: 'body', metatype: Object }))).toEqual({
      status: 400,
      fields: ['k\u0000'],
    });
  });

  it('leave everything else to validation', async () => {
    expect(
      await pipe.transform('000.00.12.H49-260101-0001', { type: 'param', data: 'code', metatype: String }),
    ).toBe('000.00.12.H49-260101-0001');
  });
});

class ContactDto {
  @IsEmail()
  email: string;
}

describe('half a surrogate pair, which is not Unicode text', () => {
  it('is a 400 naming the field (validator would throw on it, a 500), in a body or a query', async () => {
    // JSON.parse('"\\ud83d"') is a string of one lone high surrogate.
    const lone = JSON.parse('"an\\ud83d@example.vn"') as string;
    expect(await problemOf(pipe.transform({ email: lone }, { type: 'body', metatype: ContactDto }))).toEqual({
      status: 400,
      fields: ['email'],
    });
    expect(await problemOf(query({ page: '1', pageSize: '\udc00' }))).toEqual({
      status: 400,
      fields: ['pageSize'],
    });
    const body = { applicant: { names: ['ok', 'x\ud800'] } };
    expect(await problemOf(pipe.transform(body, { type: 'body', metatype: Object }))).toEqual({
      status: 400,
      fields: ['applicant.names[1]'],
    });
  });

  it('leaves whole pairs (an emoji) to validation', async () => {
    const body = { email: 'an😀@example.vn' };
    expect(await problemOf(pipe.transform(body, { type: 'body', metatype: ContactDto }))).toEqual({
      status: 400,
      fields: ['email'],
    });
    expect(await pipe.transform({ email: 'an@example.vn' }, { type: 'body', metatype: ContactDto })).toEqual({
      email: 'an@example.vn',
    });
  });
});
