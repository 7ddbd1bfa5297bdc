import ExcelJS from 'exceljs';
import { WorkingCalendar } from '@motcua/calendar';
import { OnlineConfirmationOutcome } from '@motcua/contracts';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { EventFeed } from './event-feed';
import { MetricsConfig } from '../src/config/metrics.config';
import { metricsService } from '../src/metrics.service-definition';
import { rebuildReadModels } from '../src/rebuild/rebuild';
import {
  DEPT_12,
  DEPT_13,
  DossierSpec,
  dossierEvents,
  OTHER_PROVINCE,
  P1,
  P2,
  Published,
  vn,
} from './scenario';

/*
 * The 8-working-hour confirmation of online dossiers (Decree 45/2020), March 2026 (no holiday; office hours
 * 07:30–11:30, 13:00–17:00). Each round's limit is 8 working hours after arrival, or after the supplement that
 * brought the dossier back to SUBMITTED. Vietnam time.
 *
 * | dossier | agency  | proc | received     | actions (with what intake reports)                                 | judged at 1 Apr 00:00 |
 * |---------|---------|------|--------------|--------------------------------------------------------------------|-----------------------|
 * | C1      | dept 12 | P1   | Mon 02 09:00 | accept 02 14:00 (limit Tue 03 09:00): ON_TIME                      | on time               |
 * | C2      | dept 12 | P1   | Mon 02 10:00 | accept Wed 04 08:00 (limit Tue 03 10:00): LATE                     | late                  |
 * | C3      | dept 12 | P2   | Tue 03 09:00 | supplement asked 03 15:00: ON_TIME; back Thu 05 09:00: PENDING     | late (latest wins)    |
 * |         |         |      |              | (limit Fri 06 09:00); accept Mon 09 10:00: LATE                    |                       |
 * | C4      | dept 13 | P1   | Mon 30 16:00 | supplement asked Tue 31 08:00: ON_TIME; back 31 15:00: PENDING     | pending               |
 * |         |         |      |              | (limit Wed 01/04 15:00); accept Wed 01/04 10:00: ON_TIME (April)   |                       |
 * | C5      | dept 13 | P2   | Wed 11 09:00 | supplement asked 11 10:00: ON_TIME; back Thu 12 09:00: PENDING     | late (limit passed    |
 * |         |         |      |              | (limit Fri 13 09:00), nothing after                                |  unanswered)          |
 * | C6      | dept 13 | P1   | Fri 13 09:00 | withdrawn 13 10:00, unanswered: NONE                               | withdrawn unanswered  |
 * | C7      | dept 12 | P1   | Fri 20 09:00 | none yet                                                           | unreported            |
 * | C8      | dept 12 | P1   | Mon 02 08:00 | desk dossier, started 09:00 (no confirmation)                      | not counted           |
 * | C9      | H50     | P1   | Mon 02 09:00 | accept 02 10:00: ON_TIME                                           | outside every H49     |
 * | C10     | dept 12 | P1   | Sat 28/02    | accept Mon 02 08:00: ON_TIME                                       | received in February  |
 *
 * March, H49: dept 12 received 4, on time 1, late 2, unreported 1 → share 1/3 = 0.3333; dept 13 received 3, late 1,
 * pending 1, withdrawn unanswered 1 → 0/1 = 0; total 7: on time 1, late 3, judged 4 → 0.25.
 * March–April (judged at 1 May): C4 on time → March 2/5 = 0.4, April empty.
 */

const calendar = new WorkingCalendar();
const within8h = (at: string) => calendar.dueForWorkingHours(new Date(at), 8).toISOString();
const dueIn = (at: string, days: number) => calendar.dueForWorkingDays(new Date(at), days).toISOString();
const round = (dueAt: string, confirmedAt: string | null, outcome: OnlineConfirmationOutcome) => ({
  dueAt,
  confirmedAt,
  outcome,
});

function onlineDossier(id: string, agency: string, procedure: string, receivedAt: string): DossierSpec {
  return {
    code: `${agency}-${id}`,
    agency,
    procedure,
    channel: 'ONLINE',
    receivedAt,
    dueAt: null,
    actions: [],
  };
}

const C: Record<string, DossierSpec> = {
  C1: onlineDossier('C1', DEPT_12, P1, vn('2026-03-02 09:00')),
  C2: onlineDossier('C2', DEPT_12, P1, vn('2026-03-02 10:00')),
  C3: onlineDossier('C3', DEPT_12, P2, vn('2026-03-03 09:00')),
  C4: onlineDossier('C4', DEPT_13, P1, vn('2026-03-30 16:00')),
  C5: onlineDossier('C5', DEPT_13, P2, vn('2026-03-11 09:00')),
  C6: onlineDossier('C6', DEPT_13, P1, vn('2026-03-13 09:00')),
  C7: onlineDossier('C7', DEPT_12, P1, vn('2026-03-20 09:00')),
  C8: { ...onlineDossier('C8', DEPT_12, P1, vn('2026-03-02 08:00')), channel: 'DIRECT' },
  C9: onlineDossier('C9', OTHER_PROVINCE, P1, vn('2026-03-02 09:00')),
  C10: onlineDossier('C10', DEPT_12, P1, vn('2026-02-28 10:00')),
};

/** Accepted at `at`, the round of limit `limit` answered then. */
function accept(spec: DossierSpec, at: string, limit: string, days = 3) {
  const outcome =
    spec.actions.some((a) => a.confirmation?.outcome === 'LATE') || at > limit ? 'LATE' : 'ON_TIME';
  spec.actions.push({
    action: 'ACCEPT',
    at,
    to: 'RECEIVED',
    dueAt: dueIn(at, days),
    confirmation: round(limit, at, outcome),
  });
}

/** A supplement asked at `askedAt` (answering the round of `limit`), brought back to SUBMITTED at `backAt`. */
function supplement(spec: DossierSpec, askedAt: string, limit: string, backAt: string) {
  spec.actions.push(
    {
      action: 'REQUEST_SUPPLEMENT',
      at: askedAt,
      to: 'SUPPLEMENT_REQUESTED',
      dueAt: null,
      confirmation: round(limit, askedAt, askedAt > limit ? 'LATE' : 'ON_TIME'),
    },
    {
      action: 'RECEIVE_SUPPLEMENT',
      at: backAt,
      to: 'SUBMITTED',
      dueAt: null,
      confirmation: round(within8h(backAt), null, 'PENDING'),
    },
  );
}

accept(C.C1, vn('2026-03-02 14:00'), within8h(C.C1.receivedAt));
accept(C.C2, vn('2026-03-04 08:00'), within8h(C.C2.receivedAt));
supplement(C.C3, vn('2026-03-03 15:00'), within8h(C.C3.receivedAt), vn('2026-03-05 09:00'));
accept(C.C3, vn('2026-03-09 10:00'), within8h(vn('2026-03-05 09:00')), 5);
supplement(C.C4, vn('2026-03-31 08:00'), within8h(C.C4.receivedAt), vn('2026-03-31 15:00'));
accept(C.C4, vn('2026-04-01 10:00'), within8h(vn('2026-03-31 15:00')));
supplement(C.C5, vn('2026-03-11 10:00'), within8h(C.C5.receivedAt), vn('2026-03-12 09:00'));
C.C6.actions.push({
  action: 'WITHDRAW',
  at: vn('2026-03-13 10:00'),
  to: 'WITHDRAWN',
  dueAt: null,
  confirmation: round(within8h(C.C6.receivedAt), null, 'NONE'),
});
C.C8.actions.push({
  action: 'START_PROCESSING',
  at: vn('2026-03-02 09:00'),
  to: 'PROCESSING',
  dueAt: dueIn(C.C8.receivedAt, 3),
});
accept(C.C9, vn('2026-03-02 10:00'), within8h(C.C9.receivedAt));
accept(C.C10, vn('2026-03-02 08:00'), within8h(C.C10.receivedAt));

const MARCH = 'from=2026-03-01&to=2026-03-31';

type Row = Record<string, unknown>;
/** [received, onTime, late, pending, withdrawnUnanswered, unreported, judged, onTimeShare] */
const row = (
  key: string,
  [received, onTime, late, pending, withdrawn, unreported, judged, share]: number[],
) => ({
  key,
  received,
  onTime,
  late,
  pending,
  withdrawnUnanswered: withdrawn,
  unreported,
  judged,
  onTimeShare: Number.isNaN(share) ? null : share,
});

const MARCH_DEPT_12 = row(DEPT_12, [4, 1, 2, 0, 0, 1, 3, 0.3333]);
const MARCH_DEPT_13 = row(DEPT_13, [3, 0, 1, 1, 1, 0, 1, 0]);
const MARCH_TOTAL = row('total', [7, 1, 3, 1, 1, 1, 4, 0.25]);

describe('metrics: the 8-working-hour confirmation of online dossiers, fed by real events', () => {
  let isolation: TestIsolation;
  let metrics: ServiceUnderTest<MetricsConfig>;
  let feed: EventFeed;
  let auditor: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('metricsconf');
    metrics = await startServiceForTest(metricsService, isolation);
    feed = await EventFeed.open(isolation, 'metrics-confirmation-test');
    auditor = await tokenFor(isolation.infra, 'auditor', '000.00.00.H49');
  });

  afterAll(async () => {
    await feed?.close();
    await metrics?.close();
    await isolation?.cleanup();
  });

  const publish = (events: Published[]) => feed.publish(events);
  const applied = () => feed.applied();
  const settled = () => feed.settled();

  const get = (path: string, token = auditor) =>
    fetch(`${metrics.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const json = async (path: string, token = auditor) => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    return (await response.json()) as { rows: Row[]; total: Row } & Row;
  };

  it('folds the events, out of order and redelivered, into the confirmation figures of March', async () => {
    // Built once: a redelivery re-sends the very same events (same ids).
    const events = Object.fromEntries(
      Object.entries(C).map(([id, spec]) => [
        id,
        id === 'C4' ? dossierEvents(spec, 0, 2) : dossierEvents(spec),
      ]),
    );
    const april = dossierEvents(C.C4, 2);
    expect(april).toHaveLength(1);
    const [c3Received, ...c3Changes] = events.C3;
    const [c5Received, ...c5Changes] = events.C5;
    const inOrder = Object.entries(events).flatMap(([id, list]) => (id === 'C3' || id === 'C5' ? [] : list));
    await publish([
      ...inOrder,
      // C3's status changes newest first: the latest one still wins.
      c3Received,
      ...[...c3Changes].reverse(),
      // C5's changes before the dossier itself: its arrival picks the confirmation up from the log.
      ...c5Changes,
      c5Received,
      // Redelivered: counted once.
      ...events.C1,
      ...events.C2,
    ]);
    await settled();
    expect(feed.published.size).toBe(Object.values(events).flat().length);

    const march = await json(`/reports/online-confirmation?${MARCH}`);
    expect(march).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: vn('2026-04-01 00:00'),
      agencyCode: '000.00.00.H49',
      groupBy: 'agency',
    });
    expect(march.rows).toEqual([MARCH_DEPT_12, MARCH_DEPT_13]);
    expect(march.total).toEqual(MARCH_TOTAL);

    const byProcedure = await json(`/reports/online-confirmation?${MARCH}&groupBy=procedure`);
    expect(byProcedure.rows).toEqual([
      row(P1, [5, 1, 1, 1, 1, 1, 2, 0.5]),
      row(P2, [2, 0, 2, 0, 0, 0, 2, 0]),
    ]);
    expect(byProcedure.total).toEqual(MARCH_TOTAL);

    const { rows } = await feed.db.query<{ code: string; outcome: string; due: Date; at: Date }>(
      `SELECT code, online_confirmation_outcome AS outcome, online_confirmation_due_at AS due,
              online_confirmation_at AS at
         FROM "${isolation.schema}".dossier_fact WHERE code = ANY($1) ORDER BY code`,
      [[C.C3.code, C.C5.code]],
    );
    expect(rows.map((r) => [r.code, r.outcome, r.due.toISOString(), r.at.toISOString()])).toEqual([
      [C.C3.code, 'LATE', vn('2026-03-06 09:00'), vn('2026-03-09 10:00')],
      [C.C5.code, 'PENDING', vn('2026-03-13 09:00'), vn('2026-03-12 09:00')],
    ]);

    // Then C4 is accepted in April, in time: March, judged at its end, does not change.
    await publish(april);
    await settled();
    expect((await json(`/reports/online-confirmation?${MARCH}`)).rows).toEqual([
      MARCH_DEPT_12,
      MARCH_DEPT_13,
    ]);
    const spring = await json('/reports/online-confirmation?from=2026-03-01&to=2026-04-30&groupBy=month');
    expect(spring.rows).toEqual([
      row('2026-03', [7, 2, 3, 0, 1, 1, 5, 0.4]),
      row('2026-04', [0, 0, 0, 0, 0, 0, 0, NaN]),
    ]);
    expect(spring.total).toEqual(row('total', [7, 2, 3, 0, 1, 1, 5, 0.4]));
  });

  it('respects the agency subtree of the token and the filters of the other reports', async () => {
    const national = await tokenFor(isolation.infra, 'auditor', '*');
    const nationwide = await json(`/reports/online-confirmation?${MARCH}`, national);
    expect(nationwide.rows).toEqual([
      MARCH_DEPT_12,
      row(OTHER_PROVINCE, [1, 1, 0, 0, 0, 0, 1, 1]),
      MARCH_DEPT_13,
    ]);
    expect(nationwide.total).toEqual(row('total', [8, 2, 3, 1, 1, 1, 5, 0.4]));

    const department = await tokenFor(isolation.infra, 'auditor', DEPT_13);
    const own = await json(`/reports/online-confirmation?${MARCH}`, department);
    expect(own.rows).toEqual([MARCH_DEPT_13]);
    expect(own.total).toEqual({ ...MARCH_DEPT_13, key: 'total' });
    expect(
      (await get(`/reports/online-confirmation?${MARCH}&agencyCode=${DEPT_12}`, department)).status,
    ).toBe(403);
    const clerk = await tokenFor(isolation.infra, 'clerk', '000.00.00.H49');
    expect((await get(`/reports/online-confirmation?${MARCH}`, clerk)).status).toBe(403);
    expect((await fetch(`${metrics.url}/reports/online-confirmation?${MARCH}`)).status).toBe(401);

    const dept12 = await json(
      `/reports/online-confirmation?${MARCH}&agencyCode=${DEPT_12}&procedureCode=${P2}`,
    );
    expect(dept12.rows).toEqual([row(DEPT_12, [1, 0, 1, 0, 0, 0, 1, 0])]);
    // Only online dossiers have the round: the desk channel has none to report.
    const desk = await json(`/reports/online-confirmation?${MARCH}&channel=DIRECT`);
    expect([desk.rows, desk.total.received]).toEqual([[], 0]);
    expect((await json(`/reports/online-confirmation?${MARCH}&channel=ONLINE`)).total).toEqual(MARCH_TOTAL);

    const bad = await get('/reports/online-confirmation?from=2026-03-31&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/reports/online-confirmation?groupBy=week')).status).toBe(400);
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const header = [
      'Cơ quan',
      'Hồ sơ trực tuyến tiếp nhận',
      'Xác nhận trong 8 giờ làm việc',
      'Xác nhận quá 8 giờ làm việc',
      'Đang chờ xác nhận (trong hạn)',
      'Rút trước khi được xác nhận',
      'Chưa có thông tin xác nhận',
      'Hồ sơ được đánh giá (đúng hạn + quá hạn)',
      'Tỷ lệ xác nhận đúng hạn',
    ];
    const cells = (r: ReturnType<typeof row>, key: string) => [
      key,
      r.received,
      r.onTime,
      r.late,
      r.pending,
      r.withdrawnUnanswered,
      r.unreported,
      r.judged,
      r.onTimeShare,
    ];
    const expected = [
      cells(MARCH_DEPT_12, DEPT_12),
      cells(MARCH_DEPT_13, DEPT_13),
      cells(MARCH_TOTAL, 'Tổng cộng'),
    ];

    const csv = await get(`/reports/online-confirmation?${MARCH}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(
      'bao-cao-xac-nhan-truc-tuyen-2026-03-01-2026-03-31.csv',
    );
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(header.join(','));
    expect(lines.slice(1, 4)).toEqual(expected.map((r) => r.join(',')));

    const xlsx = await get(`/reports/online-confirmation?${MARCH}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Xác nhận hồ sơ trực tuyến');
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(header);
    expect([values(2), values(3), values(4)]).toEqual(expected);
    expect(sheet.getRow(2).getCell(9).numFmt).toBe('0.00%');
  });

  it('fills the confirmation again when the read models are rebuilt from the topics', async () => {
    const paths = [
      `/reports/online-confirmation?${MARCH}`,
      '/reports/online-confirmation?from=2026-03-01&to=2026-04-30&groupBy=month',
    ];
    const before = await Promise.all(paths.map((p) => json(p)));
    const eventsApplied = await applied();
    await metrics.close();
    await rebuildReadModels(metrics.config);
    const { rows } = await feed.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${isolation.schema}".dossier_fact`,
    );
    expect(rows[0].n).toBe(0);
    metrics = await startServiceForTest(metricsService, isolation);
    await waitFor(async () => ((await applied()) === eventsApplied ? true : undefined), {
      what: 'the topics replayed',
      timeoutMs: 60_000,
    });
    expect(await Promise.all(paths.map((p) => json(p)))).toEqual(before);
    expect(before[0].total).toEqual(MARCH_TOTAL);
  });
});
