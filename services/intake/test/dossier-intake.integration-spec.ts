import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { validateCloudEvent } from '@motcua/contracts';
import {
  createTestIsolation,
  describeServiceBasics,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { ReceivedEventDossierCode1765497600000 } from '../src/migrations/1765497600000-received-event-dossier-code';
import { IdempotencyKeyRetention } from '../src/dossiers/idempotency-key.retention';
import { intakeService } from '../src/intake.service-definition';

describeServiceBasics(intakeService);

describe('intake: dossier intake on real Postgres and Kafka', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let clerk: string;
  let portal: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('intake');
    intake = await startServiceForTest(intakeService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    clerk = await tokenFor(isolation.infra, 'clerk', '000.00.12.H49', 'clerk-1');
    portal = await tokenFor(isolation.infra, 'citizen_portal', '000.00.00.H49', 'portal-1', '001203004567');
  });

  afterAll(async () => {
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    procedureCode: '1.001193',
    agencyCode: '000.00.12.H49',
    channel: 'DIRECT',
    applicant: {
      idNumber: '001203004567',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
    },
    ...overrides,
  });

  const post = (token: string, payload: unknown, key?: string) =>
    fetch(`${intake.url}/dossiers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const counts = async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM dossier) AS dossiers, (SELECT count(*)::int FROM outbox) AS events`,
    );
    return rows[0] as { dossiers: number; events: number };
  };

  it('stores the dossier and its received event in one transaction', async () => {
    const before = await counts();
    const response = await post(clerk, body());
    expect(response.status).toBe(201);
    const dossier = (await response.json()) as {
      code: string;
      status: string;
      applicantVerification: unknown;
    };
    expect(dossier.status).toBe('RECEIVED');
    expect(dossier.applicantVerification).toEqual({ status: 'PENDING', mismatches: [] });
    expect(response.headers.get('location')).toBe(`/dossiers/${dossier.code}`);
    expect(await counts()).toEqual({ dossiers: before.dossiers + 1, events: before.events + 1 });
    const { rows } = await db.query('SELECT topic, message_key, payload FROM outbox WHERE message_key = $1', [
      dossier.code,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].topic).toBe('motcua.dossier.v1');
    expect(rows[0].payload.type).toBe('vn.motcua.dossier.received.v1');
    expect(rows[0].payload.data.code).toBe(dossier.code);
    // The code under the name all events share (issue 18), written by the receive function like `code`.
    expect(rows[0].payload.data.dossierCode).toBe(dossier.code);
    expect(validateCloudEvent(rows[0].payload)).toMatchObject({ valid: true });
  });

  it('reverts and reapplies the dossierCode edit of the receive function exactly, refusing an unexpected one', async () => {
    const runner = {
      query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows,
    } as unknown as QueryRunner;
    const body = async (): Promise<string> =>
      (
        await db.query(
          `SELECT prosrc FROM pg_proc
            WHERE oid = 'intake_receive_dossier(date, jsonb, jsonb, jsonb, jsonb, text, text, text, text)'::regprocedure`,
        )
      ).rows[0].prosrc;
    const migration = new ReceivedEventDossierCode1765497600000();
    const applied = await body();
    expect(applied).toContain(`'{data,dossierCode}', to_jsonb(v_code))`);
    await migration.down(runner);
    expect(await body()).not.toContain('dossierCode');
    await expect(migration.down(runner)).rejects.toThrow('the event expression is not the expected one');
    await migration.up(runner);
    expect(await body()).toBe(applied);
  });

  it('gives concurrent intake unique, gap-free codes for the agency and day', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(clerk, body({ agencyCode: '000.01.12.H49' }))),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const codes = (await Promise.all(responses.map((r) => r.json()))).map(
      (d) => (d as { code: string }).code,
    );
    const sequences = codes.map((c) => Number(c.split('-').at(-1))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('creates exactly one dossier for concurrent requests with one Idempotency-Key', async () => {
    const before = await counts();
    const key = `portal-${randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(portal, body({ channel: 'ONLINE' }), key)),
    );
    const dossiers = (await Promise.all(responses.map((r) => r.json()))) as Array<{ code: string }>;
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(dossiers.map((d) => d.code)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await counts()).toEqual({ dossiers: before.dossiers + 1, events: before.events + 1 });
  });

  it('refuses the same key with a different body, and changes nothing', async () => {
    const key = `portal-${randomUUID()}`;
    expect((await post(portal, body({ channel: 'ONLINE' }), key)).status).toBe(201);
    const before = await counts();
    const response = await post(portal, body({ channel: 'ONLINE', procedureCode: '1.000656' }), key);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { type: string }).type).toBe(
      'urn:motcua:problem:idempotency-key-reused',
    );
    expect(await counts()).toEqual(before);
  });

  it('forgets Idempotency-Keys after their retention period, keeping recent ones', async () => {
    const recent = `portal-${randomUUID()}`;
    expect((await post(portal, body({ channel: 'ONLINE' }), recent)).status).toBe(201);
    await db.query(
      `INSERT INTO idempotency_key (client_id, key, request_hash, dossier_code, created_at)
       VALUES ('portal-1', 'old-key-123', 'h', '000.00.12.H49-250101-0001', now() - interval '25 hours')`,
    );
    const purged = await intake.app.get(IdempotencyKeyRetention).purgeExpired();
    expect(purged).toBe(1);
    const { rows } = await db.query('SELECT key FROM idempotency_key WHERE key IN ($1, $2)', [
      recent,
      'old-key-123',
    ]);
    expect(rows).toEqual([{ key: recent }]);
  });

  it('answers bad input with problem details naming the fields, and changes nothing', async () => {
    const before = await counts();
    const invalid = await post(
      clerk,
      body({
        channel: 'FAX',
        applicant: { idNumber: '12', fullName: '', dateOfBirth: '2003-02-30' },
        extra: 1,
      }),
    );
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { status: number; errors: Array<{ field: string }> };
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'channel',
        'applicant.idNumber',
        'applicant.fullName',
        'applicant.dateOfBirth',
        'extra',
      ]),
    );
    const malformed = await post(clerk, '{"procedureCode": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { detail: string }).detail).toContain('not valid JSON');
    // Without a token the body is not even read: 401, not 400.
    const anonymous = await fetch(`${intake.url}/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"procedureCode": ',
    });
    expect(anonymous.status).toBe(401);
    for (const query of ['receivedFrom=2020-W01', 'receivedTo=2020-001', 'page=1e18', 'pageSize=201']) {
      const list = await fetch(`${intake.url}/dossiers?${query}`, {
        headers: { authorization: `Bearer ${clerk}` },
      });
      expect([query, list.status]).toEqual([query, 400]);
    }
    for (const applicant of [undefined, null, 'x', []]) {
      const missing = await post(clerk, body({ applicant }));
      expect(missing.status).toBe(400);
      const { errors } = (await missing.json()) as { errors: Array<{ field: string }> };
      expect(errors.map((e) => e.field)).toContain('applicant');
    }
    expect((await post(clerk, body({ components: [[]] }))).status).toBe(400); // an item that is an array
    expect((await post(portal, body({ channel: 'ONLINE' }))).status).toBe(400); // portal without a key
    expect((await post(portal, body(), 'short')).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('answers a clerk who reads Vietnamese in Vietnamese, pointing at each refused value', async () => {
    const invalid = await fetch(`${intake.url}/dossiers?pageSize=201`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk}`,
        'content-type': 'application/json',
        'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8',
      },
      body: JSON.stringify(body({ applicant: { ...body().applicant, idNumber: '12' }, copies: 1 })),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-language')).toBe('vi');
    const problem = (await invalid.json()) as {
      title: string;
      detail: string;
      errors: Array<{ field: string; pointer?: string; parameter?: string; message: string }>;
    };
    expect(problem.title).toBe('Yêu cầu không hợp lệ');
    expect(problem.detail).toMatch(/^Yêu cầu có 2 trường không hợp lệ: /);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'applicant.idNumber',
          pointer: '#/applicant/idNumber',
          message: 'applicant.idNumber phải là số định danh cá nhân gồm đúng 12 chữ số',
        },
        { field: 'copies', pointer: '#/copies', message: 'copies không phải là trường được phép gửi' },
      ]),
    );
    const list = await fetch(`${intake.url}/dossiers?pageSize=201`, {
      headers: { authorization: `Bearer ${clerk}`, 'accept-language': 'vi' },
    });
    expect(((await list.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'pageSize', parameter: 'pageSize', message: 'pageSize phải nhỏ hơn hoặc bằng 200' },
    ]);
    const anonymous = await fetch(`${intake.url}/dossiers`, { headers: { 'accept-language': 'vi' } });
    expect(await anonymous.json()).toMatchObject({
      status: 401,
      title: 'Chưa xác thực',
      detail: 'Cần mã truy cập (Authorization: Bearer <JWT>).',
    });
    const english = await post(clerk, body({ applicant: { ...body().applicant, idNumber: '12' } }));
    expect(english.headers.get('content-language')).toBe('en');
    expect(await english.json()).toMatchObject({
      title: 'Bad Request',
      errors: [{ field: 'applicant.idNumber', pointer: '#/applicant/idNumber' }],
    });
  });

  it('enforces tokens, roles and agency scope', async () => {
    const before = await counts();
    expect((await post('garbage', body())).status).toBe(401);
    const auditor = await tokenFor(isolation.infra, 'auditor', '000.00.00.H49');
    expect((await post(auditor, body())).status).toBe(403);
    const otherProvince = await post(clerk, body({ agencyCode: '000.00.12.H38' }));
    expect(otherProvince.status).toBe(403);
    // A citizen portal token files only for the citizen it names.
    const otherCitizen = await tokenFor(
      isolation.infra,
      'citizen_portal',
      '000.00.00.H49',
      'p-2',
      '001203009999',
    );
    const forSomeoneElse = await post(otherCitizen, body({ channel: 'ONLINE' }), `portal-${randomUUID()}`);
    expect(forSomeoneElse.status).toBe(403);
    expect(((await forSomeoneElse.json()) as { type: string }).type).toBe(
      'urn:motcua:problem:not-your-dossier',
    );
    expect(await counts()).toEqual(before);

    const created = (await (await post(clerk, body())).json()) as { code: string };
    const ownView = await fetch(`${intake.url}/dossiers/${created.code}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(ownView.status).toBe(200);
    const stranger = await tokenFor(isolation.infra, 'clerk', '000.00.13.H49');
    const hidden = await fetch(`${intake.url}/dossiers/${created.code}`, {
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(hidden.status).toBe(404);
  });
});
