import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import { CloudEvent, createCloudEvent, EventData, EventType, EventTypes, Topics } from '@motcua/contracts';
import {
  createTestIsolation,
  eventProducer,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  waitFor,
} from '@motcua/testing';
import { MetricsConfig } from '../src/config/metrics.config';
import { metricsService } from '../src/metrics.service-definition';
import { DEPT_12, P1, vn } from './scenario';

const MOVED = `${DEPT_12}-260212-0001`;
const KEPT = `${DEPT_12}-260211-0001`;

const event = <K extends EventType>(type: K, subject: string, time: string, data: EventData<K>) =>
  createCloudEvent({ type, source: '/test/due-date-change', subject, time: new Date(time), data });

const received = (code: string, receivedAt: string, dueAt: string) =>
  event(EventTypes.DossierReceivedV1, code, receivedAt, {
    code,
    procedureCode: P1,
    agencyCode: DEPT_12,
    channel: 'DIRECT',
    status: 'RECEIVED',
    receivedAt,
    dueAt,
    applicant: { idNumber: '001203004567', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' },
    imported: true,
  });

/** What intake publishes when a Tết notice (13-23 Feb off) moves the deadline of an open dossier. */
const dueDateChanged = (code: string, at: string, previousDueAt: string, dueAt: string) =>
  event(EventTypes.DossierDueDateChangedV1, code, at, {
    code,
    procedureCode: P1,
    agencyCode: DEPT_12,
    status: 'RECEIVED',
    previousDueAt,
    dueAt,
    at,
    reason: 'CALENDAR_NOTICE',
    noticeNumber: '999/VPCP-KGVX',
    calendarVersion: 1,
    supplementRequests: 0,
    apologized: false,
  });

describe('metrics: a deadline moved by a calendar notice (real Postgres and Kafka)', () => {
  let isolation: TestIsolation;
  let metrics: ServiceUnderTest<MetricsConfig>;
  let producer: Producer;
  let db: Client;

  beforeAll(async () => {
    isolation = await createTestIsolation('due-date-change');
    metrics = await startServiceForTest(metricsService, isolation);
    producer = await eventProducer(isolation, 'due-date-change');
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
  });

  afterAll(async () => {
    await db?.end();
    await producer?.disconnect();
    await metrics?.close();
    await isolation?.cleanup();
  });

  const send = (events: CloudEvent[]) =>
    producer.send({
      topic: `${isolation.topicPrefix}${Topics.Dossier}`,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });

  const facts = async () =>
    Object.fromEntries(
      (await db.query('SELECT code, status, due_at, last_status_at FROM dossier_fact')).rows.map((r) => [
        r.code as string,
        { status: r.status as string, dueAt: (r.due_at as Date).toISOString() },
      ]),
    );

  /** Dossiers overdue at the end of each month, as the SLA report sums them. */
  const overdueByMonth = async () =>
    (
      await db.query(
        `SELECT to_char(month, 'YYYY-MM') AS month,
                (sum(sum(overdue_in - overdue_out)) OVER (ORDER BY month))::int AS overdue
           FROM dossier_flow_month GROUP BY month ORDER BY month`,
      )
    ).rows as Array<{ month: string; overdue: number }>;

  it('takes the new deadline into the fact and the overdue figures, once however often it is replayed', async () => {
    // Both due in February under the built-in calendar; the notice is recorded in March and moves one deadline
    // into the next month (a made-up move, so that the monthly overdue figures show it).
    const moved = received(MOVED, vn('2026-02-12 10:00'), vn('2026-02-13 17:00'));
    const kept = received(KEPT, vn('2026-02-11 10:00'), vn('2026-02-12 17:00'));
    const change = dueDateChanged(
      MOVED,
      vn('2026-02-13 08:00'),
      vn('2026-02-13 17:00'),
      vn('2026-03-02 17:00'),
    );
    await send([moved, kept, change]);
    // A redelivery of everything, then a marker event on the same partition: once it is applied, so is the replay.
    const marker = event(EventTypes.DossierPaymentRecordedV1, MOVED, vn('2026-02-13 09:00'), {
      code: MOVED,
      agencyCode: DEPT_12,
      procedureCode: P1,
      paymentStatus: 'EXEMPT',
      amountVnd: 0,
      paidAt: vn('2026-02-13 09:00'),
    });
    await send([moved, kept, change, marker]);
    await waitFor(
      async () => {
        const { rows } = await db.query('SELECT payment_status FROM dossier_fact WHERE code = $1', [MOVED]);
        return rows[0]?.payment_status === 'EXEMPT' ? true : undefined;
      },
      { what: 'metrics to apply the replayed events', timeoutMs: 60_000 },
    );

    expect(await facts()).toEqual({
      [MOVED]: { status: 'RECEIVED', dueAt: vn('2026-03-02 17:00') },
      [KEPT]: { status: 'RECEIVED', dueAt: vn('2026-02-12 17:00') },
    });
    const log = await db.query(
      'SELECT count(*)::int AS n, max(due_at) AS due FROM dossier_status_log WHERE event_id = $1',
      [change.id],
    );
    expect(log.rows[0]).toEqual({ n: 1, due: new Date(vn('2026-03-02 17:00')) });
    // Overdue at the end of February: only the dossier whose deadline did not move; from March on both are.
    expect(await overdueByMonth()).toEqual([
      { month: '2026-02', overdue: 1 },
      { month: '2026-03', overdue: 2 },
    ]);
  });
});
