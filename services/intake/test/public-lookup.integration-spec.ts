import { Client } from 'pg';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { ServiceDefinition } from '@motcua/service-runtime';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';
import { PublicLookupModule } from '../src/public-lookup/public-lookup.module';

/** The intake service with the public lookup wired in (a no-op once the definition lists it, plain or forRoot). */
function withPublicLookup(definition: ServiceDefinition<IntakeConfig>): ServiceDefinition<IntakeConfig> {
  return {
    ...definition,
    features: (config) => {
      const features = definition.features(config);
      const wired = features.some(
        (feature) =>
          feature === PublicLookupModule || (feature as { module?: unknown }).module === PublicLookupModule,
      );
      return wired ? features : [...features, PublicLookupModule];
    },
  };
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
}

describe('intake: public dossier status lookup', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let withPhone: { code: string };
  let withoutPhone: { code: string };

  const createDossier = async (clerk: string, applicant: Record<string, unknown>) => {
    const response = await fetch(`${intake.url}/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '1.001193',
        agencyCode: '000.00.12.H49',
        channel: 'DIRECT',
        applicant: { idNumber: '001203004567', dateOfBirth: '2003-05-14', sex: 'MALE', ...applicant },
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { code: string };
  };

  const lookup = (code: string, query = '') =>
    fetch(`${intake.url}/public/dossiers/${encodeURIComponent(code)}${query}`);

  /** Everything but `instance`, which echoes the path the caller asked for. */
  const problemBody = async (response: Response) => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const { instance: _instance, ...rest } = (await response.json()) as Problem;
    return rest;
  };

  beforeAll(async () => {
    isolation = await createTestIsolation('intake-lookup');
    intake = await startServiceForTest(withPublicLookup(intakeService), isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    const clerk = await tokenFor(isolation.infra, 'clerk', '000.00.12.H49', 'clerk-lookup');
    withPhone = await createDossier(clerk, { fullName: 'Nguyễn Thị Ánh Tuyết', phone: '0912345678' });
    withoutPhone = await createDossier(clerk, { fullName: 'Lê Văn Ất' });
  });

  afterAll(async () => {
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  it('answers the right code and phone digits without a token, with the name masked', async () => {
    const response = await lookup(withPhone.code, '?phoneLast4=5678');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: withPhone.code,
      status: 'RECEIVED',
      statusLabelVi: 'Đã tiếp nhận',
      procedureCode: '1.001193',
      applicantName: 'N***** T** Á** T****',
      overdue: false,
    });
    expect(new Date(body.receivedAt as string).toISOString()).toBe(body.receivedAt);
    expect(body).toHaveProperty('dueAt');
    // Nothing personal beyond the masked name.
    const raw = JSON.stringify(body);
    for (const secret of ['0912345678', '5678', '001203004567', '2003-05-14', 'Nguyễn', 'Tuyết']) {
      expect(raw).not.toContain(secret);
    }
    const allowed = [
      'code',
      'status',
      'statusLabelVi',
      'procedureCode',
      'procedureName',
      'receivedAt',
      'dueAt',
      'applicantName',
      'overdue',
    ];
    expect(Object.keys(body).filter((key) => !allowed.includes(key))).toEqual([]);
  });

  it('reports a dossier past its due time as overdue', async () => {
    const { rows: before } = await db.query('SELECT due_at FROM dossier WHERE code = $1', [withPhone.code]);
    await db.query(`UPDATE dossier SET due_at = now() - interval '1 hour' WHERE code = $1`, [withPhone.code]);
    try {
      const body = (await (await lookup(withPhone.code, '?phoneLast4=5678')).json()) as { overdue: boolean };
      expect(body.overdue).toBe(true);
    } finally {
      await db.query('UPDATE dossier SET due_at = $2 WHERE code = $1', [withPhone.code, before[0].due_at]);
    }
  });

  it('gives one and the same 404 for every mismatch, so codes cannot be probed', async () => {
    const unknownCode = withPhone.code.replace(/-\d{4}$/, '-9999');
    const responses = await Promise.all([
      lookup(withPhone.code, '?phoneLast4=5679'), // wrong digits
      lookup(withPhone.code), // no digits
      lookup(unknownCode, '?phoneLast4=5678'), // no such dossier
      lookup(withoutPhone.code, '?phoneLast4=0000'), // no phone on file
      lookup('not-a-dossier-code', '?phoneLast4=5678'), // not even a code
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    const bodies = await Promise.all(responses.map(problemBody));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toEqual({
      type: 'urn:motcua:problem:dossier-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No dossier matches this code and the last four digits of the phone number.',
    });
  });

  it('refuses phoneLast4 that is not four digits with 400 naming the field', async () => {
    for (const query of [
      '?phoneLast4=567',
      '?phoneLast4=56789',
      '?phoneLast4=abcd',
      '?phoneLast4=5678&phoneLast4=5678',
    ]) {
      const response = await lookup(withPhone.code, query);
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.errors?.map((e) => e.field)).toEqual(['phoneLast4']);
    }
  });

  // Last: it uses up this client's allowance.
  it('limits lookups per client with 429 and Retry-After', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const response = await lookup(withPhone.code, '?phoneLast4=5678');
      if (response.status === 429) limited = response;
      else {
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    }
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const problem = (await problemBody(limited!)) as Problem & { retryAfterSeconds: number };
    expect(problem).toMatchObject({ type: 'urn:motcua:problem:too-many-requests', status: 429 });
    expect(problem.retryAfterSeconds).toBe(retryAfter);
    // Wrong guesses are limited as well: the limit sits in front of the lookup.
    expect((await lookup(withPhone.code, '?phoneLast4=0000')).status).toBe(429);
    // Authenticated routes are not affected.
    expect((await fetch(`${intake.url}/health/live`)).status).toBe(200);
  });
});
