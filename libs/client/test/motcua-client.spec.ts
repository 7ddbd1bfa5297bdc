import { createMotcuaClient, isMotcuaProblem, MotcuaProblemError, unwrap } from '../src';

/** A fetch that records each request and answers with the given response (no network: pure client logic). */
function recordingFetch(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer();
  };
  return { requests, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });

const problem = {
  type: 'urn:motcua:problem:validation',
  title: 'Dữ liệu không hợp lệ',
  status: 400,
  detail: 'Yêu cầu có 1 trường không hợp lệ: applicant.idNumber.',
  errors: [{ field: 'applicant.idNumber', pointer: '/applicant/idNumber', message: 'sai định dạng' }],
};

describe('createMotcuaClient', () => {
  it('sends the token, the language, the path and query parameters and the idempotency key', async () => {
    const { requests, fetch } = recordingFetch(() => json(201, { code: '000.00.12.H49-261202-0001' }));
    let calls = 0;
    const intake = createMotcuaClient('intake', {
      baseUrl: 'http://intake.test/',
      token: () => `token-${(calls += 1)}`,
      acceptLanguage: 'vi',
      fetch,
    });
    await intake.POST('/dossiers', {
      params: { header: { 'Idempotency-Key': 'portal-0001' } },
      body: {
        procedureCode: '1.001193',
        agencyCode: '000.00.12.H49',
        channel: 'ONLINE',
        applicant: { idNumber: '001203000001', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' },
      },
    });
    await intake.GET('/dossiers/{code}', { params: { path: { code: '000.00.12.H49-261202-0001' } } });

    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://intake.test/dossiers',
      'GET http://intake.test/dossiers/000.00.12.H49-261202-0001',
    ]);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(requests[0].headers.get('accept-language')).toBe('vi');
    expect(requests[0].headers.get('idempotency-key')).toBe('portal-0001');
    expect(await requests[0].json()).toMatchObject({ applicant: { fullName: 'Nguyễn Văn An' } });
  });

  it('lets a call override the token and sends none when the client has none', async () => {
    const { requests, fetch } = recordingFetch(() => json(200, []));
    const metrics = createMotcuaClient('metrics', {
      baseUrl: 'http://metrics.test',
      token: 'default',
      fetch,
    });
    await metrics.GET('/reports/sla', {
      params: { query: { groupBy: 'agency' } },
      headers: { authorization: 'Bearer other' },
    });
    const registry = createMotcuaClient('population-registry-stub', {
      baseUrl: 'http://registry.test',
      fetch,
    });
    await registry.GET('/admin/sample', { params: { query: { count: 1 } } });

    expect(requests[0].url).toBe('http://metrics.test/reports/sla?groupBy=agency');
    expect(requests[0].headers.get('authorization')).toBe('Bearer other');
    expect(requests[1].headers.has('authorization')).toBe(false);
    expect(requests[1].headers.has('accept-language')).toBe(false);
  });

  it('surfaces a problem+json error typed, and unwrap throws it with the status and Retry-After', async () => {
    const { fetch } = recordingFetch(() => json(400, problem));
    const intake = createMotcuaClient('intake', { baseUrl: 'http://intake.test', token: 't', fetch });
    const { error, response } = await intake.GET('/dossiers/{code}', { params: { path: { code: 'x' } } });
    expect(response.status).toBe(400);
    expect(error?.errors?.[0].pointer).toBe('/applicant/idNumber');

    const failure = await unwrap(intake.GET('/dossiers/{code}', { params: { path: { code: 'x' } } })).catch(
      (thrown: unknown) => thrown,
    );
    expect(failure).toBeInstanceOf(MotcuaProblemError);
    expect(failure).toMatchObject({ status: 400, problem, message: expect.stringContaining(problem.detail) });

    const down = createMotcuaClient('intake', {
      baseUrl: 'http://intake.test',
      fetch: async () => json(503, { ...problem, status: 503 }, { 'retry-after': '5' }),
    });
    const unavailable = await unwrap(down.GET('/procedures')).catch((thrown: unknown) => thrown);
    expect((unavailable as MotcuaProblemError).retryAfterSeconds).toBe(5);
  });

  it('unwrap returns the data of a success, and a non-problem error body leaves problem undefined', async () => {
    const ok = createMotcuaClient('intake', {
      baseUrl: 'http://intake.test',
      fetch: async () => json(200, { code: 'A' }),
    });
    expect(await unwrap(ok.GET('/dossiers/{code}', { params: { path: { code: 'A' } } }))).toEqual({
      code: 'A',
    });

    const proxy = createMotcuaClient('intake', {
      baseUrl: 'http://intake.test',
      fetch: async () => new Response('<html>Bad Gateway</html>', { status: 502 }),
    });
    const failure = await unwrap(proxy.GET('/procedures')).catch((thrown: unknown) => thrown);
    expect(failure).toMatchObject({ status: 502, problem: undefined, message: 'HTTP 502' });
    expect(isMotcuaProblem(problem)).toBe(true);
    expect(isMotcuaProblem({ title: 'x' })).toBe(false);
  });
});
