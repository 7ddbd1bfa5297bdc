import { ArgumentsHost, HttpStatus } from '@nestjs/common';
import { createLogger } from '@motcua/observability';
import { localized, ProblemDetailsFilter, ProblemException } from '../src';

function run(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; type?: string; body?: Record<string, unknown> } = {};
  const response = {
    headersSent: false,
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ method: 'POST', originalUrl: '/dossiers?x=1' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(createLogger('filter-test', 'silent')).catch(exception, host);
  return { ...sent, headers };
}

describe('ProblemDetailsFilter', () => {
  it('answers 503 with Retry-After, never 500, when the database is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
    const result = run(refused);
    expect(result.status).toBe(503);
    expect(result.type).toBe('application/problem+json');
    expect(result.headers['retry-after']).toBe('5');
    expect(result.body).toMatchObject({
      status: 503,
      type: 'urn:motcua:problem:database-unavailable',
      instance: '/dossiers',
    });
    expect(JSON.stringify(result.body)).not.toContain('5433');
  });

  it('adds Retry-After to any 503 and keeps one already set', () => {
    const result = run(
      new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'object-storage-unavailable',
        localized('S3 down', 'S3 ngừng'),
      ),
    );
    expect(result.status).toBe(503);
    expect(result.headers['retry-after']).toBe('5');
  });

  it('still answers 500 for a bug', () => {
    const result = run(new TypeError('boom'));
    expect(result.status).toBe(500);
    expect(result.headers['retry-after']).toBeUndefined();
  });
});
