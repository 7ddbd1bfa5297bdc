import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { MetricsConfig } from '../src/config/metrics.config';
import { metricsService } from '../src/metrics.service-definition';

/**
 * The dashboard's own routes on a real metrics service and database: the page and its files (public, strict CSP),
 * the filter choices (auditor, scoped), and the dossier history passed through from intake with the caller's
 * token. Intake is a small HTTP server here, so the test can see what metrics sends it and take it down; the
 * browser test (e2e/dashboard.e2e-spec.ts) uses the real one.
 */
describe('metrics: the dashboard routes', () => {
  let isolation: TestIsolation;
  let metrics: ServiceUnderTest<MetricsConfig>;
  let intake: Server;
  let auditor: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    intake = createServer((request, response) => {
      seen.push(request.headers);
      if (request.url === '/dossiers/000.00.12.H49-261202-0001/history') {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({ code: '000.00.12.H49-261202-0001', entries: [{ seq: 1, action: 'RECEIVE' }] }),
        );
      } else {
        response.writeHead(404, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ status: 404, title: 'Not Found', detail: 'No such dossier.' }));
      }
    });
    await new Promise<void>((resolve) => intake.listen(0, '127.0.0.1', resolve));
    const intakePort = (intake.address() as AddressInfo).port;
    isolation = await createTestIsolation('dashboard');
    metrics = await startServiceForTest(metricsService, isolation, {
      INTAKE_URL: `http://127.0.0.1:${intakePort}`,
      INTAKE_TIMEOUT_MS: '2000',
    });
    auditor = await tokenFor(isolation.infra, 'auditor', '000.00.00.H49');
  });

  afterAll(async () => {
    await metrics?.close();
    await isolation?.cleanup();
    if (intake?.listening) await new Promise((resolve) => intake.close(resolve));
  });

  const get = (path: string, token?: string) =>
    fetch(`${metrics.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('serves the page and its files to anyone, with a CSP that allows only its own files', async () => {
    const page = await get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/dashboard/assets/dashboard.js">');
    expect(html).not.toMatch(/https?:\/\//);

    for (const [name, type] of [
      ['dashboard.js', 'text/javascript; charset=utf-8'],
      ['charts.js', 'text/javascript; charset=utf-8'],
      ['i18n.js', 'text/javascript; charset=utf-8'],
      ['dashboard.css', 'text/css; charset=utf-8'],
    ]) {
      const asset = await get(`/dashboard/assets/${name}`);
      expect([name, asset.status, asset.headers.get('content-type')]).toEqual([name, 200, type]);
      // Nothing loaded from elsewhere: the page must work on an intranet without internet.
      expect(await asset.text()).not.toMatch(/(src|href|url|import)[^\n]*https?:\/\//);
    }
    for (const name of ['missing.js', '..%2Fdashboard.module.ts', 'index.html']) {
      const response = await get(`/dashboard/assets/${name}`);
      expect([name, response.status]).toEqual([name, 404]);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it("offers the token's agency and the agencies with dossiers under it, only to auditors", async () => {
    const db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    try {
      for (const [agency, path, procedure] of [
        ['000.03.12.H49', 'H49.12.03.000', '1.001193'],
        ['000.00.13.H49', 'H49.13.00.000', '1.000894'],
        ['000.00.00.H01', 'H01.00.00.000', '2.000001'],
      ]) {
        await db.query(
          `INSERT INTO "${isolation.schema}".dossier_flow_month (agency_code, procedure_code, month, agency_path)
           VALUES ($1, $2, '2026-11-01', $3)`,
          [agency, procedure, path],
        );
      }
    } finally {
      await db.end();
    }
    const options = await get('/dashboard/options', auditor);
    expect(options.status).toBe(200);
    expect(await options.json()).toEqual({
      scope: '000.00.00.H49',
      agencies: ['000.00.00.H49', '000.00.12.H49', '000.03.12.H49', '000.00.13.H49'],
      procedures: ['1.000894', '1.001193'],
      channels: ['DIRECT', 'ONLINE', 'POSTAL'],
    });
    const department = await tokenFor(isolation.infra, 'auditor', '000.00.13.H49');
    expect(
      ((await (await get('/dashboard/options', department)).json()) as { agencies: string[] }).agencies,
    ).toEqual(['000.00.13.H49']);
    expect((await get('/dashboard/options')).status).toBe(401);
    const clerk = await tokenFor(isolation.infra, 'clerk', '000.00.00.H49');
    expect((await get('/dashboard/options', clerk)).status).toBe(403);
  });

  it("passes a dossier's history through from intake with the caller's own token", async () => {
    const history = await get('/dashboard/dossiers/000.00.12.H49-261202-0001/history', auditor);
    expect(history.status).toBe(200);
    expect(await history.json()).toEqual({
      code: '000.00.12.H49-261202-0001',
      entries: [{ seq: 1, action: 'RECEIVE' }],
    });
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${auditor}`);

    const missing = await get('/dashboard/dossiers/000.00.12.H49-261202-9999/history', auditor);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const calls = seen.length;
    const bad = await get('/dashboard/dossiers/a%20b%3Bc/history', auditor);
    expect(bad.status).toBe(400);
    expect(seen.length).toBe(calls); // refused before intake is asked
    expect((await get('/dashboard/dossiers/000.00.12.H49-261202-0001/history')).status).toBe(401);
  });

  it('answers 503 with Retry-After when intake cannot be reached', async () => {
    await new Promise((resolve) => intake.close(resolve));
    const response = await get('/dashboard/dossiers/000.00.12.H49-261202-0001/history', auditor);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('intake');
  });
});
