import { Client } from 'pg';
import { CloudEvent, DossierDueDateChangedV1, EventTypes, Topics } from '@motcua/contracts';
import {
  createTestIsolation,
  type EventRecorder,
  recordEvents,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';

const AGENCY = '000.00.12.H49';
const applicant = { idNumber: '001203004567', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' };
/** 17:00 Vietnam time (office close) of a date, as intake writes deadlines. */
const closeOf = (date: string) => new Date(`${date}T17:00:00+07:00`).toISOString();
const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`).toISOString();

/**
 * A later Tết 2026 notice than the built-in one (14-22 Feb off): Fri 13 and Mon 23 Feb off too, and Saturday
 * 28 Feb worked. Working days changed: 13/2 and 23/2 (worked → off), 28/2 (off → worked).
 */
const TET_NOTICE = {
  number: '999/VPCP-KGVX',
  issuedOn: '2026-01-20',
  issuer: 'Văn phòng Chính phủ',
  title: 'Điều chỉnh lịch nghỉ Tết Bính Ngọ 2026 (thử nghiệm)',
  year: 2026,
  effectiveFrom: '2026-01-20',
  days: [
    { from: '2026-02-13', to: '2026-02-23', type: 'HOLIDAY', holiday: 'TET' },
    { from: '2026-02-28', type: 'WORKDAY', name: { vi: 'Làm bù', en: 'Make-up working day' } },
  ],
};

/** One-working-day dossiers (procedure 1.001193) around Tết, as a legacy import brings them. */
const DOSSIERS = {
  // Due Fri 13 Feb; 13-23 Feb are now off: due Tue 24 Feb.
  processing: {
    receivedAt: at('2026-02-12', '10:00'),
    actions: [{ action: 'START_PROCESSING', at: at('2026-02-12', '11:00') }],
  },
  // Waiting for a supplement since Thu 12 Feb, deadline then Fri 13 Feb: Tue 24 Feb.
  waiting: {
    receivedAt: at('2026-02-12', '08:00'),
    actions: [{ action: 'REQUEST_SUPPLEMENT', at: at('2026-02-12', '10:00'), reason: 'Thiếu bản sao' }],
  },
  // Due Mon 2 Mar; Sat 28 Feb is now a working day: due Sat 28 Feb.
  beforeWeekend: { receivedAt: at('2026-02-27', '10:00'), actions: [] },
  // Due Thu 12 Feb, before every changed day: unchanged.
  early: { receivedAt: at('2026-02-11', '10:00'), actions: [] },
  // Due Wed 11 Mar, after every changed day: unchanged.
  late: { receivedAt: at('2026-03-10', '10:00'), actions: [] },
  // Finished on Fri 13 Feb: judged when it finished, unchanged.
  resolved: {
    receivedAt: at('2026-02-12', '10:00'),
    actions: [
      { action: 'START_PROCESSING', at: at('2026-02-12', '11:00') },
      { action: 'RESOLVE', at: at('2026-02-13', '09:00') },
    ],
  },
} as const;
type Name = keyof typeof DOSSIERS;

describe('intake: calendar notices move the deadlines of open dossiers (real Postgres and Kafka)', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  /** A second instance on the same database: its calendar cache must follow a notice recorded on the first. */
  let other: ServiceUnderTest<IntakeConfig>;
  let owner: Client;
  let reader: EventRecorder;
  let clerk: string;
  let provincialAdmin: string;
  let nationalAdmin: string;
  const codes = {} as Record<Name, string>;
  const seedDue = {} as Record<Name, string | null>;

  beforeAll(async () => {
    isolation = await createTestIsolation('calendar');
    intake = await startServiceForTest(intakeService, isolation);
    other = await startServiceForTest(intakeService, isolation);
    owner = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await owner.connect();
    await owner.query(`SET search_path = ${isolation.schema}`);
    reader = await recordEvents(isolation, 'calendar-reader', [Topics.Dossier]);
    [clerk, provincialAdmin, nationalAdmin] = await Promise.all([
      tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-1'),
      tokenFor(isolation.infra, 'admin', '000.00.00.H49', 'admin-province'),
      tokenFor(isolation.infra, 'admin', '*', 'admin-national'),
    ]);
  });

  afterAll(async () => {
    await reader?.stop();
    await owner?.end();
    await other?.close();
    await intake?.close();
    await isolation?.cleanup();
  });

  const call = async <T>(method: string, path: string, token: string, body?: unknown, url = intake.url) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as T,
    };
  };
  const dueOf = async (name: Name) =>
    (await call<{ dueAt: string | null }>('GET', `/dossiers/${codes[name]}`, clerk)).body.dueAt;
  const dueChanges = async () =>
    (
      await owner.query(`SELECT payload FROM outbox WHERE payload->>'type' = $1 ORDER BY seq`, [
        EventTypes.DossierDueDateChangedV1,
      ])
    ).rows.map((r) => (r.payload as CloudEvent<DossierDueDateChangedV1>).data);

  const importThrough = (url: string, names: Name[]) =>
    call<{ results: Array<{ code: string; status: string }> }>(
      'POST',
      '/dossiers/import',
      provincialAdmin,
      {
        dossiers: names.map((name) => ({
          procedureCode: '1.001193',
          agencyCode: AGENCY,
          channel: 'DIRECT',
          applicant,
          ...DOSSIERS[name],
        })),
      },
      url,
    );

  it('imports open and finished dossiers around Tết 2026 under the built-in calendar', async () => {
    const names = Object.keys(DOSSIERS) as Name[];
    // Through the second instance, so its calendar is built (the seed) before the notice.
    const imported = await importThrough(other.url, names);
    expect(imported.status).toBe(200);
    names.forEach((name, i) => (codes[name] = imported.body.results[i].code));
    for (const name of names) seedDue[name] = await dueOf(name);
    expect(seedDue).toEqual({
      processing: closeOf('2026-02-13'),
      waiting: closeOf('2026-02-13'),
      beforeWeekend: closeOf('2026-03-02'),
      early: closeOf('2026-02-12'),
      late: closeOf('2026-03-11'),
      resolved: closeOf('2026-02-13'),
    });
  });

  it('lets only a national administrator record a notice, and refuses a malformed one with problem details', async () => {
    expect((await call('POST', '/calendar/notices', provincialAdmin, TET_NOTICE)).status).toBe(403);
    expect((await call('POST', '/calendar/notices', clerk, TET_NOTICE)).status).toBe(403);
    const bad = [
      { ...TET_NOTICE, issuedOn: '2026-02-30' },
      { ...TET_NOTICE, days: [{ from: '2027-01-01', type: 'HOLIDAY' }] },
      { ...TET_NOTICE, days: [{ from: '2026-02-20', to: '2026-02-13', type: 'HOLIDAY' }] },
      { ...TET_NOTICE, days: [{ from: '2026-02-28', type: 'WORKDAY', kind: 'COMPENSATORY' }] },
      { ...TET_NOTICE, days: [{ from: '2026-02-28', type: 'HOLIDAY', holiday: 'CHRISTMAS' }] },
      { ...TET_NOTICE, days: [] },
      { ...TET_NOTICE, days: [{ from: '2026-01-01', to: '2026-12-31', type: 'HOLIDAY' }] },
      { ...TET_NOTICE, days: [{ from: '2026-02-31', type: 'HOLIDAY' }] },
      { ...TET_NOTICE, number: '' },
    ];
    for (const body of bad) {
      const response = await call<{ type: string; errors: Array<{ field: string }> }>(
        'POST',
        '/calendar/notices',
        nationalAdmin,
        body,
      );
      expect(response.status).toBe(400);
      expect(response.type).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect((await call<unknown[]>('GET', '/calendar/notices', clerk)).body).toEqual([]);
    for (const name of Object.keys(DOSSIERS) as Name[]) expect(await dueOf(name)).toBe(seedDue[name]);
  });

  it('moves exactly the deadlines the changed days reach, publishes each move once, and is idempotent', async () => {
    const posted = await call<{ version: number; recomputedDossiers: number; source: string }>(
      'POST',
      '/calendar/notices',
      nationalAdmin,
      TET_NOTICE,
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ version: 1, recomputedDossiers: 3 });
    expect(posted.body.source).toBe(
      'Văn bản 999/VPCP-KGVX ngày 20/01/2026 (Văn phòng Chính phủ: Điều chỉnh lịch nghỉ Tết Bính Ngọ 2026 (thử nghiệm))',
    );
    const after = {} as Record<Name, string | null>;
    for (const name of Object.keys(DOSSIERS) as Name[]) after[name] = await dueOf(name);
    expect(after).toEqual({
      processing: closeOf('2026-02-24'),
      waiting: closeOf('2026-02-24'),
      beforeWeekend: closeOf('2026-02-28'),
      early: seedDue.early,
      late: seedDue.late,
      resolved: seedDue.resolved,
    });

    // A retried POST: 200 with the recorded notice, nothing recomputed again.
    const retried = await call<{ version: number }>('POST', '/calendar/notices', nationalAdmin, {
      ...TET_NOTICE,
      days: TET_NOTICE.days.map((day) => Object.fromEntries(Object.entries(day).reverse())),
    });
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(1);
    // The same number with other content is a conflict; nothing changes.
    const conflicting = await call<{ type: string }>('POST', '/calendar/notices', nationalAdmin, {
      ...TET_NOTICE,
      days: [{ from: '2026-02-13', type: 'HOLIDAY' }],
    });
    expect(conflicting.status).toBe(409);
    expect(conflicting.body.type).toBe('urn:motcua:problem:calendar-notice-exists');
    expect(await dueOf('processing')).toBe(closeOf('2026-02-24'));

    const changes = await dueChanges();
    expect(changes.map((c) => [c.code, c.previousDueAt, c.dueAt]).sort()).toEqual(
      [
        [codes.processing, closeOf('2026-02-13'), closeOf('2026-02-24')],
        [codes.waiting, closeOf('2026-02-13'), closeOf('2026-02-24')],
        [codes.beforeWeekend, closeOf('2026-03-02'), closeOf('2026-02-28')],
      ].sort(),
    );
    expect(changes.every((c) => c.noticeNumber === TET_NOTICE.number && c.calendarVersion === 1)).toBe(true);
    // On Kafka once each (the relay published every outbox row exactly once).
    const published = () => reader.events.filter((e) => e.type === EventTypes.DossierDueDateChangedV1);
    await waitFor(async () => (published().length >= 3 ? true : undefined), {
      what: 'three due-date events',
    });
    expect(new Set(published().map((e) => e.id)).size).toBe(3);

    const notices = await call<Array<{ number: string; days: unknown[] }>>(
      'GET',
      '/calendar/notices?year=2026',
      clerk,
    );
    expect(notices.body.map((n) => n.number)).toEqual([TET_NOTICE.number]);
    expect((await call<unknown[]>('GET', '/calendar/notices?year=2027', clerk)).body).toEqual([]);
    const log = await owner.query(
      `SELECT actor, action, resource_id FROM change_log WHERE resource = 'calendar-notice'`,
    );
    expect(log.rows).toEqual([{ actor: 'admin-national', action: 'CREATE', resource_id: TET_NOTICE.number }]);
  });

  it('counts later actions with the new calendar on every instance, and keeps notices append-only', async () => {
    // The notice was recorded on the first instance; the second computes with it at its next request.
    const later = await importThrough(other.url, ['processing', 'beforeWeekend']);
    expect(later.status).toBe(200);
    const dues = await Promise.all(
      later.body.results.map(
        async ({ code }) => (await call<{ dueAt: string }>('GET', `/dossiers/${code}`, clerk)).body.dueAt,
      ),
    );
    expect(dues).toEqual([closeOf('2026-02-24'), closeOf('2026-02-28')]);

    // The supplement arrives on Tue 24 Feb... recorded now: the pause is measured with the notice's days off.
    const resumed = await call<{ dueAt: string; status: string }>(
      'POST',
      `/dossiers/${codes.waiting}/actions`,
      clerk,
      {
        action: 'RECEIVE_SUPPLEMENT',
      },
    );
    expect(resumed.status).toBe(200);
    expect(new Date(resumed.body.dueAt).getTime()).toBeGreaterThan(new Date(closeOf('2026-02-24')).getTime());
    const app = new Client({ connectionString: isolation.appDatabaseUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE ${isolation.schema}.calendar_notice SET year = 2027`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
  });
});
