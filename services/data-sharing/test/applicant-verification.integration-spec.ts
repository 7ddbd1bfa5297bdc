import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Client } from 'pg';
import { CloudEvent, createCloudEvent, EventTypes } from '@motcua/contracts';
import {
  createTestIsolation,
  eventProducer,
  type EventRecorder,
  kafkaFor,
  recordEvents,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { DataSharingConfig } from '../src/config/data-sharing.config';
import { dataSharingService } from '../src/data-sharing.service-definition';
import { FakePerson, FakeRegistry } from './fake-registry';

const AGENCY = '000.00.12.H49';

const AN: FakePerson = {
  idNumber: '001090000001',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-01-15',
  sex: 'MALE',
};
const BINH: FakePerson = {
  idNumber: '001090000002',
  fullName: 'Trần Thị Bình',
  dateOfBirth: '1985-06-30',
  sex: 'FEMALE',
};
const DUC: FakePerson = {
  idNumber: '001090000003',
  fullName: 'Đặng Văn Đức',
  dateOfBirth: '1979-12-01',
  sex: 'MALE',
};
const HA: FakePerson = {
  idNumber: '001090000004',
  fullName: 'Lê Thị Hà',
  dateOfBirth: '2000-02-29',
  sex: 'FEMALE',
};
const OUTAGE: FakePerson[] = [5, 6, 7].map((n) => ({
  idNumber: `00109000000${n}`,
  fullName: `Phạm Văn Số ${n}`,
  dateOfBirth: '1995-05-05',
  sex: 'MALE',
}));

type Applicant = Pick<FakePerson, 'idNumber' | 'fullName' | 'dateOfBirth'> & { sex?: 'MALE' | 'FEMALE' };

describe('data-sharing: applicant verification and access log on real Postgres and Kafka', () => {
  let isolation: TestIsolation;
  let fake: FakeRegistry;
  let service: ServiceUnderTest<DataSharingConfig>;
  let db: Client;
  let producer: Producer;
  let reader: EventRecorder;

  const eventsFor = (code: string) => reader.events.filter((e) => e.subject === code);

  const received = (code: string, applicant: Applicant, id = randomUUID()) =>
    createCloudEvent({
      id,
      type: EventTypes.DossierReceivedV1,
      source: '/motcua/intake',
      subject: code,
      data: {
        code,
        procedureCode: '1.001193',
        agencyCode: AGENCY,
        channel: 'DIRECT',
        status: 'RECEIVED',
        receivedAt: new Date().toISOString(),
        dueAt: null,
        applicant,
        imported: false,
      },
    });

  const publish = async (...events: CloudEvent[]) => {
    await producer.send({
      topic: `${isolation.topicPrefix}motcua.dossier.v1`,
      acks: -1,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
  };

  const verifiedOf = (code: string, timeoutMs = 30_000) =>
    waitFor(async () => eventsFor(code).find((e) => e.type === EventTypes.CitizenVerifiedV1), {
      timeoutMs,
      what: `citizen.verified for ${code}`,
    });

  const code = (label: string) => `${AGENCY}-${label}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    isolation = await createTestIsolation('datasharingverify');
    fake = await new FakeRegistry([AN, BINH, DUC, HA, ...OUTAGE]).start();
    service = await startServiceForTest(dataSharingService, isolation, {
      REGISTRY_URL: fake.url,
      REGISTRY_TIMEOUT_MS: '1000',
      REGISTRY_RETRY_BASE_MS: '50',
      REGISTRY_RETRY_MAX_MS: '400',
      REGISTRY_BREAKER_FAILURES: '3',
      REGISTRY_BREAKER_OPEN_MS: '500',
      VERIFICATION_POLL_INTERVAL_MS: '100',
    });
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    producer = await eventProducer(isolation, 'data-sharing-test');
    reader = await recordEvents(isolation, 'test-reader', ['motcua.citizen.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await producer?.disconnect();
    await db?.end();
    await service?.close();
    await fake?.close();
    await isolation?.cleanup();
  });

  it('publishes verified{match:true} when the registry agrees, and logs the access as system:verification', async () => {
    const dossier = code('match');
    await publish(received(dossier, AN));
    const event = await verifiedOf(dossier);
    expect(event.data).toMatchObject({ dossierCode: dossier, match: true, mismatches: [] });
    const calls = fake.requestsFor(dossier);
    expect(calls.every((c) => c.requester === 'system:verification')).toBe(true);
    const { rows } = await db.query('SELECT * FROM registry_access WHERE purpose = $1', [dossier]);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: 'system:verification',
        actor_agency: AGENCY,
        id_number: AN.idNumber,
        source: 'REGISTRY',
        outcome: 'MATCH',
      }),
    ]);
  });

  it('sends a poison message to the dead-letter topic and keeps the partition flowing', async () => {
    const dossier = code('poison');
    const valid = received(dossier, AN);
    // Same key, so the same partition: the valid event queues behind the two poison messages.
    await producer.send({
      topic: `${isolation.topicPrefix}motcua.dossier.v1`,
      acks: -1,
      messages: [
        { key: dossier, value: '{"not": "a cloud event"' },
        {
          key: dossier,
          value: JSON.stringify({
            ...valid,
            id: randomUUID(),
            data: { ...valid.data, applicant: { idNumber: 'x' } },
          }),
        },
        { key: dossier, value: JSON.stringify(valid) },
      ],
    });
    expect((await verifiedOf(dossier)).data).toMatchObject({ dossierCode: dossier, match: true });
    const admin = kafkaFor(isolation, 'data-sharing-test-admin').admin();
    await admin.connect();
    try {
      const dead = await waitFor(async () => {
        const offsets = await admin.fetchTopicOffsets(`${isolation.topicPrefix}motcua.dossier.v1.dlt`);
        const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
        return total >= 2 ? total : undefined;
      });
      expect(dead).toBe(2);
    } finally {
      await admin.disconnect();
    }
  });

  it('reports mismatches: wrong name, wrong date of birth, unknown ID number', async () => {
    const wrongName = code('name');
    const wrongDob = code('dob');
    const unknown = code('unknown');
    await publish(
      received(wrongName, { ...BINH, fullName: 'Trần Thị Bính' }),
      received(wrongDob, { ...BINH, dateOfBirth: '1985-06-29' }),
      received(unknown, { ...BINH, idNumber: '001099999999' }),
    );
    expect((await verifiedOf(wrongName)).data).toMatchObject({ match: false, mismatches: ['fullName'] });
    expect((await verifiedOf(wrongDob)).data).toMatchObject({ match: false, mismatches: ['dateOfBirth'] });
    expect((await verifiedOf(unknown)).data).toMatchObject({ match: false, mismatches: ['idNumber'] });
  });

  it('matches a name written with other case, extra whitespace or decomposed (NFD) diacritics', async () => {
    const upper = code('upper');
    const spaced = code('spaced');
    const nfd = code('nfd');
    const noDiacritics = code('nodiacritics');
    await publish(
      received(upper, { ...DUC, fullName: 'ĐẶNG VĂN ĐỨC' }),
      received(spaced, { ...HA, fullName: '  lê   thị hà ' }),
      received(nfd, { ...BINH, fullName: BINH.fullName.normalize('NFD') }),
      received(noDiacritics, { ...HA, fullName: 'Le Thi Ha' }),
    );
    expect((await verifiedOf(upper)).data).toMatchObject({ match: true, mismatches: [] });
    expect((await verifiedOf(spaced)).data).toMatchObject({ match: true, mismatches: [] });
    expect((await verifiedOf(nfd)).data).toMatchObject({ match: true, mismatches: [] });
    expect((await verifiedOf(noDiacritics)).data).toMatchObject({ match: false, mismatches: ['fullName'] });
  });

  it('answers a repeated verification from the cache and still logs the access (source CACHE)', async () => {
    const again = code('cache');
    await publish(received(again, { ...AN, fullName: ' nguyễn văn AN' }));
    expect((await verifiedOf(again)).data).toMatchObject({ match: true, mismatches: [] });
    expect(fake.requestsFor(again)).toHaveLength(0);
    const { rows } = await db.query('SELECT source, outcome FROM registry_access WHERE purpose = $1', [
      again,
    ]);
    expect(rows).toEqual([{ source: 'CACHE', outcome: 'MATCH' }]);
  });

  it('a registry outage delays verifications: none lost, none duplicated, none failed', async () => {
    fake.down = true;
    const codes = OUTAGE.map((_, i) => code(`outage${i}`));
    const first = received(codes[0], OUTAGE[0]);
    await publish(first, received(codes[1], OUTAGE[1]), received(codes[2], OUTAGE[2]));
    // The same event delivered twice, and the same dossier announced again under another event id.
    await publish(first, received(codes[0], OUTAGE[0]));
    await waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM verification_request WHERE dossier_code = ANY($1) AND status = 'PENDING'`,
          [codes],
        );
        return rows[0].n === 3 ? true : undefined;
      },
      { what: 'three pending verifications' },
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(codes.flatMap(eventsFor)).toEqual([]);
    expect(fake.requests.filter((r) => r.answered === 503).length).toBeGreaterThan(0);

    fake.down = false;
    for (const c of codes) expect((await verifiedOf(c)).data).toMatchObject({ match: true, mismatches: [] });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const c of codes) {
      expect(eventsFor(c).map((e) => e.type)).toEqual([EventTypes.CitizenVerifiedV1]);
    }
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM verification_request WHERE dossier_code = ANY($1) AND status = 'DONE'`,
      [codes],
    );
    expect(rows[0].n).toBe(3);
    const logged = await db.query('SELECT count(*)::int AS n FROM registry_access WHERE purpose = ANY($1)', [
      codes,
    ]);
    expect(logged.rows[0].n).toBe(3);
  }, 90_000);

  it('publishes verification-failed, without retrying, when the registry refuses the request (4xx)', async () => {
    const dossier = code('refused');
    fake.refuse.add('001090000009');
    await publish(received(dossier, { ...AN, idNumber: '001090000009' }));
    const failed = await waitFor(
      async () => eventsFor(dossier).find((e) => e.type === EventTypes.CitizenVerificationFailedV1),
      { what: `citizen.verification-failed for ${dossier}` },
    );
    expect(failed.data).toMatchObject({
      dossierCode: dossier,
      reason: 'registry-rejected: HTTP 400',
      attempts: 1,
    });
    expect(fake.requestsFor(dossier)).toHaveLength(1);
    expect(eventsFor(dossier)).toHaveLength(1);
  });

  /** Publishes a received dossier and waits until data-sharing knows it as a purpose. */
  const knownPurpose = async (label: string, applicant: Applicant) => {
    const dossier = code(label);
    await publish(received(dossier, applicant));
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM purpose_dossier WHERE code = $1', [dossier])).rowCount
          ? true
          : undefined,
      { what: `purpose dossier ${dossier} learned` },
    );
    return dossier;
  };

  it('GET /citizens/:idNumber requires a purpose binding the person, returns the record and logs the access', async () => {
    const clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-7');
    const headers = { authorization: `Bearer ${clerk}` };
    const missing = await fetch(`${service.url}/citizens/${AN.idNumber}`, { headers });
    expect(missing.status).toBe(400);
    const problem = (await missing.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain('purpose');

    const dossier = await knownPurpose('lookup', AN);
    const found = await fetch(`${service.url}/citizens/${AN.idNumber}?purpose=${dossier}`, { headers });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ idNumber: AN.idNumber, fullName: AN.fullName });
    expect(fake.requestsFor(dossier)).toContainEqual(expect.objectContaining({ requester: 'clerk-7' }));

    const nobody = { idNumber: '001099999998', fullName: 'Không Có Ai', dateOfBirth: '1990-01-01' };
    const nobodysDossier = await knownPurpose('nobody', nobody);
    const unknown = await fetch(`${service.url}/citizens/${nobody.idNumber}?purpose=${nobodysDossier}`, {
      headers,
    });
    expect(unknown.status).toBe(404);

    const { rows } = await db.query(
      `SELECT actor, actor_agency, id_number, fields_returned, source, outcome FROM registry_access
        WHERE purpose = ANY($1) AND actor = 'clerk-7' ORDER BY id`,
      [[dossier, nobodysDossier]],
    );
    expect(rows).toEqual([
      {
        actor: 'clerk-7',
        actor_agency: AGENCY,
        id_number: AN.idNumber,
        fields_returned: expect.arrayContaining(['idNumber', 'fullName', 'dateOfBirth', 'sex']),
        source: 'REGISTRY',
        outcome: 'FOUND',
      },
      expect.objectContaining({ id_number: nobody.idNumber, fields_returned: [], outcome: 'NOT_FOUND' }),
    ]);

    const auditorOnly = await fetch(`${service.url}/access-log?idNumber=${AN.idNumber}`, { headers });
    expect(auditorOnly.status).toBe(403);
  });

  it('refuses (403) and logs a lookup whose purpose is not a dossier of the caller subtree naming the person', async () => {
    const dossier = await knownPurpose('bound', AN);
    const sibling = await tokenFor(isolation.infra, 'clerk', '000.00.13.H49', 'clerk-sibling');
    const own = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-own');
    const attempts: [string, string, string][] = [
      [sibling, AN.idNumber, dossier], // a dossier of another agency
      [own, BINH.idNumber, dossier], // a dossier of the own agency whose parties do not include BINH
      [own, AN.idNumber, code('never-received')], // no such dossier
    ];
    for (const [token, idNumber, purpose] of attempts) {
      const response = await fetch(`${service.url}/citizens/${idNumber}?purpose=${purpose}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { type: string }).type).toBe('urn:motcua:problem:purpose-not-bound');
    }
    // The registry was never asked.
    expect(fake.requests.filter((r) => ['clerk-sibling', 'officer-own'].includes(r.requester ?? ''))).toEqual(
      [],
    );
    const { rows } = await db.query(
      `SELECT actor, id_number, purpose, fields_returned, outcome FROM registry_access
        WHERE actor IN ('clerk-sibling', 'officer-own') ORDER BY id`,
    );
    expect(rows).toEqual(
      attempts.map(([, idNumber, purpose]) => ({
        actor: expect.any(String),
        id_number: idNumber,
        purpose,
        fields_returned: [],
        outcome: 'REFUSED',
      })),
    );
  });

  it('counts a person named in the validated form data of the purpose dossier (document.digitized) as a party', async () => {
    const dossier = await knownPurpose('form', AN);
    const officer = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-form');
    const lookUp = (idNumber: string) =>
      fetch(`${service.url}/citizens/${idNumber}?purpose=${dossier}`, {
        headers: { authorization: `Bearer ${officer}` },
      });
    expect((await lookUp(HA.idNumber)).status).toBe(403);
    const digitized = createCloudEvent({
      type: EventTypes.DocumentDigitizedV1,
      source: '/motcua/digitization',
      subject: dossier,
      data: {
        documentId: randomUUID(),
        dossierCode: dossier,
        componentCode: 'TK01',
        kind: 'APPLICATION',
        origin: 'SCANNED_PAPER',
        digitizationLevel: 'STRUCTURED',
        mimeType: 'image/jpeg',
        sha256: 'a'.repeat(64),
        size: 10,
        storedAt: new Date().toISOString(),
        namedIdNumbers: [HA.idNumber],
      },
    });
    await producer.send({
      topic: `${isolation.topicPrefix}motcua.document.v1`,
      acks: -1,
      messages: [{ key: dossier, value: JSON.stringify(digitized) }],
    });
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM purpose_party WHERE dossier_code = $1', [dossier])).rowCount
          ? true
          : undefined,
      { what: 'the named party learned' },
    );
    expect((await lookUp(HA.idNumber)).status).toBe(200);
    expect((await lookUp(BINH.idNumber)).status).toBe(403);
  });

  it('GET /me/access-log shows a citizen who looked at their registry data, for which dossier and which fields', async () => {
    const dossier = await knownPurpose('mine', DUC);
    const officer = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-duc');
    const lookup = await fetch(`${service.url}/citizens/${DUC.idNumber}?purpose=${dossier}`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(lookup.status).toBe(200);
    const citizen = await tokenFor(isolation.infra, 'citizen_portal', AGENCY, 'portal-duc', DUC.idNumber);
    const mine = await fetch(`${service.url}/me/access-log`, {
      headers: { authorization: `Bearer ${citizen}` },
    });
    expect(mine.status).toBe(200);
    const page = (await mine.json()) as { items: Array<Record<string, unknown>> };
    expect(page.items).toContainEqual({
      at: expect.any(String),
      actor: 'officer-duc',
      actorAgency: AGENCY,
      dossierCode: dossier,
      fields: expect.arrayContaining(['fullName', 'dateOfBirth']),
      outcome: 'FOUND',
    });
    const someoneElse = await tokenFor(isolation.infra, 'citizen_portal', AGENCY, 'portal-ha', HA.idNumber);
    const theirs = (await (
      await fetch(`${service.url}/me/access-log`, { headers: { authorization: `Bearer ${someoneElse}` } })
    ).json()) as { items: Array<Record<string, unknown>> };
    expect(theirs.items.some((item) => item.dossierCode === dossier)).toBe(false);
    expect(
      (await fetch(`${service.url}/me/access-log`, { headers: { authorization: `Bearer ${officer}` } }))
        .status,
    ).toBe(403);
  });

  it('GET /citizens/:idNumber answers 503 while the registry is down', async () => {
    const officer = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-1');
    const dossier = await knownPurpose('down', AN);
    fake.down = true;
    try {
      const res = await fetch(`${service.url}/citizens/${AN.idNumber}?purpose=${dossier}`, {
        headers: { authorization: `Bearer ${officer}` },
      });
      expect(res.status).toBe(503);
    } finally {
      fake.down = false;
    }
  });

  it('auditors read the access log by ID number or dossier code, paginated', async () => {
    const auditor = await tokenFor(isolation.infra, 'auditor', AGENCY, 'auditor-1');
    const headers = { authorization: `Bearer ${auditor}` };
    const noFilter = await fetch(`${service.url}/access-log`, { headers });
    expect(noFilter.status).toBe(400);

    const res = await fetch(`${service.url}/access-log?idNumber=${AN.idNumber}&pageSize=2`, { headers });
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      total: number;
      pageSize: number;
      items: Array<Record<string, unknown>>;
    };
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((i) => i.idNumber === AN.idNumber)).toBe(true);
  });

  it('the service role cannot change or delete the access log', async () => {
    const app = new Client({ connectionString: isolation.appDatabaseUrl });
    await app.connect();
    try {
      await app.query(`SET search_path = ${isolation.schema}`);
      await expect(app.query(`UPDATE registry_access SET actor = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM registry_access')).rejects.toThrow(/permission denied/);
      await expect(app.query('TRUNCATE registry_access')).rejects.toThrow(/permission denied/);
      const { rows } = await app.query('SELECT count(*)::int AS n FROM registry_access');
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await app.end();
    }
  });
});
