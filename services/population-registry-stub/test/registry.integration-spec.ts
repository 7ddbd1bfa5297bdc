import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '@motcua/config';
import { createServiceApp } from '@motcua/http';
import { createLogger } from '@motcua/observability';
import { PopulationRegistryStubConfig } from '../src/config/population-registry-stub.config';
import { PopulationRegistryStubModule } from '../src/population-registry-stub.module';

interface Person {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  placeOfBirth: string;
  phone: string | null;
  household: { id: string; relationToHead: string; headIdNumber: string };
  permanentAddress: { street: string; ward: string; province: string; provinceCode: string };
}

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

const HEADERS = { 'x-requester': 'data-sharing', 'x-purpose': '000.00.12.H49-261127-0042' };

/** The stub in-process on a free port: no Postgres or Kafka. */
describe('population-registry-stub API', () => {
  let app: INestApplication;
  let url: string;
  let people: Person[];
  const logLines: string[] = [];

  const verify = (body: unknown, headers: Record<string, string> = HEADERS) =>
    fetch(`${url}/api/v1/citizens/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const lookup = (idNumber: string, headers: Record<string, string> = HEADERS) =>
    fetch(`${url}/api/v1/citizens/${idNumber}`, { headers });
  const setFaults = (body: unknown) =>
    fetch(`${url}/admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const config = loadConfig(PopulationRegistryStubConfig, {});
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger('population-registry-stub', 'info', sink);
    app = await createServiceApp(PopulationRegistryStubModule.forRoot(config, logger), {
      serviceName: 'population-registry-stub',
      title: 'stub',
      description: 'stub',
      logger,
      swagger: true,
    });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const response = await fetch(`${url}/admin/sample?count=5`);
    expect(response.status).toBe(200);
    people = (await response.json()) as Person[];
  });

  afterAll(async () => {
    await app?.close();
  });

  afterEach(async () => {
    expect((await fetch(`${url}/admin/faults`, { method: 'DELETE' })).status).toBe(200);
  });

  it('serves health and docs', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${url}/health/ready`)).json()).toEqual({ status: 'up', checks: {} });
    const docs = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/v1/citizens/verify', '/api/v1/citizens/{idNumber}', '/admin/faults']),
    );
  });

  it('samples N people deterministically, evenly spread', async () => {
    expect(people).toHaveLength(5);
    const again = (await (await fetch(`${url}/admin/sample?count=5`)).json()) as Person[];
    expect(again).toEqual(people);
    const many = (await (await fetch(`${url}/admin/sample?count=1000`)).json()) as Person[];
    expect(many).toHaveLength(1000);
    expect(new Set(many.map((p) => p.idNumber)).size).toBe(1000);
    expect(many[0]).toEqual(people[0]);
    expect((await fetch(`${url}/admin/sample?count=1001`)).status).toBe(400);
    expect((await fetch(`${url}/admin/sample?count=abc`)).status).toBe(400);
    expect(people[0]).toEqual(
      expect.objectContaining({
        idNumber: expect.stringMatching(/^\d{12}$/),
        fullName: expect.any(String),
        dateOfBirth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        sex: expect.stringMatching(/^(MALE|FEMALE)$/),
      }),
    );
  });

  it('verifies a match, and names each mismatch', async () => {
    const [person] = people;
    const exact = { idNumber: person.idNumber, fullName: person.fullName, dateOfBirth: person.dateOfBirth };
    let response = await verify(exact);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ match: true, mismatches: [] });

    // NFD input is normalized to NFC; case is not forgiven.
    response = await verify({ ...exact, fullName: person.fullName.normalize('NFD') });
    expect(await response.json()).toEqual({ match: true, mismatches: [] });
    response = await verify({ ...exact, fullName: person.fullName.toUpperCase() });
    expect(await response.json()).toEqual({ match: false, mismatches: ['fullName'] });

    const otherDay = person.dateOfBirth.endsWith('-01')
      ? person.dateOfBirth.replace(/-01$/, '-02')
      : person.dateOfBirth.replace(/-\d\d$/, '-01');
    response = await verify({ ...exact, dateOfBirth: otherDay });
    expect(await response.json()).toEqual({ match: false, mismatches: ['dateOfBirth'] });

    response = await verify({ ...exact, fullName: 'Nguyễn Văn Không Có', dateOfBirth: otherDay });
    expect(await response.json()).toEqual({ match: false, mismatches: ['fullName', 'dateOfBirth'] });

    response = await verify({ ...exact, idNumber: '000000000000' });
    expect(await response.json()).toEqual({ match: false, mismatches: ['idNumber'] });
  });

  it('refuses a malformed verify body', async () => {
    const response = await verify({ idNumber: '12', fullName: '', dateOfBirth: '2003-02-30', extra: 1 });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(
      ['dateOfBirth', 'extra', 'fullName', 'idNumber'].sort(),
    );
  });

  it('requires X-Requester and X-Purpose', async () => {
    const body = { idNumber: people[0].idNumber, fullName: 'x', dateOfBirth: '2000-01-01' };
    let response = await verify(body, {});
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.type).toBe('urn:motcua:problem:requester-required');
    expect(problem.errors?.map((e) => e.field)).toEqual(['X-Requester', 'X-Purpose']);
    response = await lookup(people[0].idNumber, { 'x-requester': 'data-sharing' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toEqual(['X-Purpose']);
  });

  it('looks a citizen up, 404 when unknown, 400 when malformed', async () => {
    let response = await lookup(people[1].idNumber);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(people[1]);
    response = await lookup('000000000000');
    expect(response.status).toBe(404);
    expect(((await response.json()) as Problem).type).toBe('urn:motcua:problem:citizen-not-found');
    expect((await lookup('12345')).status).toBe(400);
  });

  it('logs each access with requester and purpose, the ID number masked', async () => {
    const { idNumber } = people[2];
    logLines.length = 0;
    await lookup(idNumber);
    const access = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.registryAccess);
    expect(access).toEqual(
      expect.objectContaining({
        registryAccess: 'lookup',
        requester: 'data-sharing',
        purpose: '000.00.12.H49-261127-0042',
        idNumberMasked: `${idNumber.slice(0, 3)}*******${idNumber.slice(-2)}`,
        found: true,
      }),
    );
    expect(logLines.join('\n')).not.toContain(idNumber);
  });

  it('injects errors, outages and latency into /api/v1 only, and recovers after reset', async () => {
    const { idNumber } = people[0];
    let response = await setFaults({ errorRate: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expect.objectContaining({ errorRate: 1, outageActive: false }));
    response = await lookup(idNumber);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as Problem).type).toBe('urn:motcua:problem:registry-unavailable');
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);

    await fetch(`${url}/admin/faults`, { method: 'DELETE' });
    await setFaults({ outage: true });
    response = await verify({ idNumber, fullName: 'x', dateOfBirth: '2000-01-01' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as Problem).type).toBe('urn:motcua:problem:registry-outage');
    expect((await fetch(`${url}/admin/sample?count=1`)).status).toBe(200);

    await setFaults({ outage: false, outageUntil: new Date(Date.now() + 60_000).toISOString() });
    response = await lookup(idNumber);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    response = await setFaults({ outageUntil: null });
    expect(await response.json()).toEqual(
      expect.objectContaining({ outageUntil: null, outageActive: false }),
    );
    expect((await lookup(idNumber)).status).toBe(200);

    await setFaults({ latencyMs: 150, jitterMs: 0 });
    const started = Date.now();
    expect((await lookup(idNumber)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    response = await fetch(`${url}/admin/faults`, { method: 'DELETE' });
    expect(await response.json()).toEqual({
      latencyMs: 0,
      jitterMs: 0,
      errorRate: 0,
      outage: false,
      outageUntil: null,
      outageActive: false,
    });
    expect((await lookup(idNumber)).status).toBe(200);
    expect((await setFaults({ errorRate: 2 })).status).toBe(400);
    expect((await setFaults({ outageUntil: 'soon' })).status).toBe(400);
  });
});
