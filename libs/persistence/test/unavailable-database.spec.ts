import { isDatabaseUnavailableError } from '../src';

describe('isDatabaseUnavailableError', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }),
    ],
    [
      'login refused (role locked)',
      Object.assign(new Error('password authentication failed'), { code: '28P01' }),
    ],
    [
      'admin shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'crash recovery',
      Object.assign(new Error('the database system is in recovery mode'), { code: '57P03' }),
    ],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['connection exception class', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['socket cut mid-query', new Error('Connection terminated unexpectedly')],
    ['pool wait', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM after the connection died mid-transaction',
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
    ],
    [
      'wrapped by TypeORM',
      Object.assign(new Error('query failed'), {
        driverError: Object.assign(new Error('x'), { code: '57P01' }),
      }),
    ],
  ])('%s is unavailability', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['nothing', undefined],
  ])('%s is not', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
