import { randomUUID } from 'node:crypto';
import { createMotcuaClient, type IntakeApi } from '@motcua/client';
import { IsolatedStack, startIsolatedStack, tokenFor, waitFor } from '@motcua/testing';
import { bodyOf } from './support/response-body';

/** The shapes this test reads where the documents declare no response schema yet (see bodyOf). */
const createdDossier = bodyOf<{ code: string; status: string }>();
const slaReportBody = bodyOf<{
  rows: Array<{ received: { total: number }; resolved: { total: number; early: number; onTime: number } }>;
}>();
const dossierView = bodyOf<{ applicantVerification: { status: string; mismatches: string[] } }>();
const registrySample =
  bodyOf<Array<{ idNumber: string; fullName: string; dateOfBirth: string; sex: 'MALE' | 'FEMALE' }>>();

/**
 * The walking skeleton: REST → Postgres (dossier + outbox in one transaction) → Kafka → metrics read model → REST.
 * Portal retries (repeated keys) and concurrent duplicates must not change the count. The REST calls go through
 * @motcua/client, generated from the committed OpenAPI documents, so the documents are exercised by our own code.
 */
describe('a dossier travels the whole spine', () => {
  let system: IsolatedStack;
  let clerkToken: string;
  let auditorToken: string;

  beforeAll(async () => {
    system = await startIsolatedStack('spine', 4100);
    clerkToken = await tokenFor(system.infra, 'clerk', '000.00.12.H49', 'clerk-e2e');
    auditorToken = await tokenFor(system.infra, 'auditor', '000.00.00.H49', 'auditor-e2e');
  });

  afterAll(async () => {
    await system?.stop();
  });

  const intakeAs = (token: string) =>
    createMotcuaClient('intake', { baseUrl: system.stack.url('intake'), token });
  const metricsAs = (token: string) =>
    createMotcuaClient('metrics', { baseUrl: system.stack.url('metrics'), token });

  function submit(token: string, body: IntakeApi.components['schemas']['CreateDossierDto'], key?: string) {
    return intakeAs(token).POST('/dossiers', {
      body,
      params: key ? { header: { 'Idempotency-Key': key } } : {},
    });
  }

  const idNumberOf = (n: number) => `0012030${String(n).padStart(5, '0')}`;
  /** The portal speaks for one citizen per token: the applicant of dossierBody(n). */
  const portalFor = (n: number) =>
    tokenFor(system.infra, 'citizen_portal', '000.00.00.H49', 'portal-e2e', idNumberOf(n));

  const dossierBody = (
    n: number,
    channel: 'ONLINE' | 'DIRECT' = 'ONLINE',
  ): IntakeApi.components['schemas']['CreateDossierDto'] => ({
    procedureCode: '1.001193',
    agencyCode: '000.00.12.H49',
    channel,
    applicant: {
      idNumber: idNumberOf(n),
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
      phone: '0912345678',
    },
  });

  async function slaReport() {
    const result = await metricsAs(auditorToken).GET('/reports/sla', {
      params: { query: { groupBy: 'agency' } },
    });
    expect(result.response.status).toBe(200);
    const report = slaReportBody(result);
    // The document offers JSON, CSV and XLSX; without `format` the service answers JSON.
    if (typeof report === 'string') throw new Error('GET /reports/sla answered text, not the JSON report');
    return report;
  }

  async function slaReceivedTotal(): Promise<number> {
    return (await slaReport()).rows.reduce((sum, row) => sum + row.received.total, 0);
  }

  it('every service answers ready, metrics and docs', async () => {
    for (const { url } of system.stack.services) {
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      const scrape = await fetch(`${url}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('process_cpu_user_seconds_total');
      const docs = await fetch(`${url}/docs-json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    }
  });

  it('counts each distinct dossier exactly once, whatever the retries and concurrent duplicates', async () => {
    const codes = new Set<string>();

    // Portal submissions with a retry of the same key after each.
    for (let n = 0; n < 8; n += 1) {
      const key = `portal-${randomUUID()}`;
      const first = await submit(await portalFor(n), dossierBody(n), key);
      expect(first.response.status).toBe(201);
      const firstBody = createdDossier(first);
      expect(firstBody.status).toBe('SUBMITTED');
      const retry = await submit(await portalFor(n), dossierBody(n), key);
      expect(retry.response.status).toBe(201);
      expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
      expect(createdDossier(retry).code).toBe(firstBody.code);
      codes.add(firstBody.code);
    }

    // Concurrent duplicates: six identical requests racing with one key make one dossier.
    for (let n = 100; n < 104; n += 1) {
      const key = `race-${randomUUID()}`;
      const portal = await portalFor(n);
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => submit(portal, dossierBody(n), key)),
      );
      const bodies = responses.map(createdDossier);
      expect(responses.map((r) => r.response.status)).toEqual(Array(6).fill(201));
      expect(new Set(bodies.map((b) => b.code)).size).toBe(1);
      codes.add(bodies[0].code);
    }

    // The same key with a different body is refused and creates nothing.
    const reusedKey = `reuse-${randomUUID()}`;
    const portal = await portalFor(200);
    const original = await submit(portal, dossierBody(200), reusedKey);
    codes.add(createdDossier(original).code);
    const changed = {
      ...dossierBody(200),
      applicant: { ...dossierBody(200).applicant, phone: '0987654321' },
    };
    const conflicting = await submit(portal, changed, reusedKey);
    expect(conflicting.response.status).toBe(409);
    expect(conflicting.response.headers.get('content-type')).toContain('application/problem+json');
    expect(conflicting.error).toMatchObject({
      status: 409,
      type: expect.stringMatching(/^urn:motcua:problem:/),
    });

    // Desk intake without a key, for contrast: each request is a dossier.
    for (let n = 300; n < 303; n += 1) {
      const response = await submit(clerkToken, dossierBody(n, 'DIRECT'), undefined);
      expect(response.response.status).toBe(201);
      const body = createdDossier(response);
      expect(body.status).toBe('RECEIVED');
      codes.add(body.code);
    }

    // The portal must always send a key.
    const keyless = await submit(await portalFor(400), dossierBody(400));
    expect(keyless.response.status).toBe(400);
    expect(keyless.error?.status).toBe(400);

    expect(codes.size).toBe(8 + 4 + 1 + 3);
    for (const code of codes) expect(code).toMatch(/^000\.00\.12\.H49-\d{6}-\d{4}$/);

    await waitFor(async () => ((await slaReceivedTotal()) >= codes.size ? true : undefined), {
      what: 'metrics to count every dossier',
      timeoutMs: 60_000,
    });
    // Late duplicates (relay retries, redeliveries) would show up now: the count must stay exact.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await slaReceivedTotal()).toBe(codes.size);
  });

  it('carries workflow actions to the auditor: a resolved dossier shows in the SLA report', async () => {
    const officer = await tokenFor(system.infra, 'officer', '000.00.12.H49', 'officer-e2e');
    const created = createdDossier(await submit(clerkToken, dossierBody(600, 'DIRECT')));
    for (const action of ['START_PROCESSING', 'RESOLVE'] as const) {
      const { response } = await intakeAs(officer).POST('/dossiers/{code}/actions', {
        params: { path: { code: created.code } },
        body: { action },
      });
      expect(response.status).toBe(200);
    }
    await waitFor(
      async () => {
        const report = await slaReport();
        const resolved = report.rows.reduce((sum, row) => sum + row.resolved.total, 0);
        const inTime = report.rows.reduce((sum, row) => sum + row.resolved.early + row.resolved.onTime, 0);
        return resolved === 1 && inTime === 1 ? true : undefined;
      },
      { what: 'the resolution to reach the SLA report', timeoutMs: 60_000 },
    );
  });

  it('verifies the applicant against the population registry and shows it on the dossier', async () => {
    // The registry stub's admin endpoints take no token.
    const registry = createMotcuaClient('population-registry-stub', {
      baseUrl: system.stack.url('population-registry-stub'),
    });
    const [person] = registrySample(await registry.GET('/admin/sample', { params: { query: { count: 1 } } }));
    const submitAs = (fullName: string) =>
      submit(clerkToken, {
        ...dossierBody(0, 'DIRECT'),
        applicant: { idNumber: person.idNumber, fullName, dateOfBirth: person.dateOfBirth, sex: person.sex },
      });
    // Written the way people write: upper case and extra spaces still match; a name without diacritics does not.
    const matching = createdDossier(await submitAs(`  ${person.fullName.toUpperCase()} `));
    const differing = createdDossier(await submitAs('Nguyen Van Khong Co'));
    const verificationOf = async (code: string) => {
      const result = await intakeAs(clerkToken).GET('/dossiers/{code}', { params: { path: { code } } });
      expect(result.response.status).toBe(200);
      return dossierView(result).applicantVerification;
    };
    const verified = await waitFor(
      async () => {
        const state = await verificationOf(matching.code);
        return state.status === 'PENDING' ? undefined : state;
      },
      { what: 'the registry verification to reach the dossier', timeoutMs: 60_000 },
    );
    expect(verified).toEqual({ status: 'VERIFIED', mismatches: [] });
    const mismatch = await waitFor(async () => {
      const state = await verificationOf(differing.code);
      return state.status === 'PENDING' ? undefined : state;
    });
    expect(mismatch).toEqual({ status: 'MISMATCH', mismatches: ['fullName'] });
  });

  it('refuses requests without a valid token', async () => {
    const { response, error } = await submit('not-a-token', dossierBody(500), `k-${randomUUID()}`);
    expect(response.status).toBe(401);
    // The problem is typed by the document (ProblemDetails): no cast.
    expect(error).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(error?.detail).toEqual(expect.any(String));
  });
});
