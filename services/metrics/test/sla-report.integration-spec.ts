import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import {
  CloudEvent,
  createCloudEvent,
  DossierReceivedV1,
  DossierStatusChangedV1,
  EventTypes,
  Topics,
} from '@motcua/contracts';
import {
  createTestIsolation,
  describeServiceBasics,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { MetricsConfig } from '../src/config/metrics.config';
import { metricsService } from '../src/metrics.service-definition';

describeServiceBasics(metricsService);

interface SlaRow {
  key: string;
  received: { total: number; carriedOver: number; online: number; directOrPostal: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  onTimeRate: number | null;
}

describe('metrics: the SLA report is fed by dossier events, each counted once', () => {
  let isolation: TestIsolation;
  let metrics: ServiceUnderTest<MetricsConfig>;
  let producer: Producer;
  let auditor: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('metrics');
    metrics = await startServiceForTest(metricsService, isolation);
    const kafka = new Kafka({
      clientId: 'metrics-test',
      brokers: [isolation.infra.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    auditor = await tokenFor(isolation.infra, 'auditor', '000.00.00.H49');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await metrics?.close();
    await isolation?.cleanup();
  });

  const publish = (...events: CloudEvent[]) =>
    producer.send({
      topic: `${isolation.topicPrefix}${Topics.Dossier}`,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });

  function received(
    code: string,
    agencyCode: string,
    channel: 'ONLINE' | 'DIRECT',
    receivedAt: string,
    dueAt: string,
  ) {
    const data: DossierReceivedV1 = {
      code,
      procedureCode: '1.001193',
      agencyCode,
      channel,
      status: channel === 'ONLINE' ? 'SUBMITTED' : 'RECEIVED',
      receivedAt,
      dueAt,
      applicant: { idNumber: '001203004567', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' },
      imported: false,
    };
    return createCloudEvent({ type: EventTypes.DossierReceivedV1, source: '/test', subject: code, data });
  }

  function resolved(code: string, agencyCode: string, at: string, dueAt: string) {
    const data: DossierStatusChangedV1 = {
      code,
      procedureCode: '1.001193',
      agencyCode,
      channel: 'DIRECT',
      action: 'RESOLVE',
      fromStatus: 'PROCESSING',
      toStatus: 'RESOLVED',
      at,
      actor: 'officer-1',
      receivedAt: '2026-03-02T02:00:00.000Z',
      dueAt,
      elapsedWorkingMinutes: 960,
      supplementRequests: 0,
      apologized: false,
      late: false,
    };
    return createCloudEvent({
      type: EventTypes.DossierStatusChangedV1,
      source: '/test',
      subject: code,
      data,
    });
  }

  async function report(query: string, token = auditor) {
    const response = await fetch(`${metrics.url}/reports/sla?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as { rows: SlaRow[] } };
  }

  it('counts received, resolved and in-progress dossiers per agency, ignoring redelivered events', async () => {
    const a = received(
      '000.00.12.H49-260302-0001',
      '000.00.12.H49',
      'DIRECT',
      '2026-03-02T02:00:00.000Z',
      '2026-03-04T10:00:00.000Z',
    );
    const b = received(
      '000.00.12.H49-260302-0002',
      '000.00.12.H49',
      'ONLINE',
      '2026-03-02T03:00:00.000Z',
      '2026-03-04T10:00:00.000Z',
    );
    const c = received(
      '000.00.13.H49-260303-0001',
      '000.00.13.H49',
      'DIRECT',
      '2026-03-03T02:00:00.000Z',
      '2026-03-05T10:00:00.000Z',
    );
    // a resolved a day early; c resolved after its deadline.
    const aResolved = resolved(
      a.subject,
      '000.00.12.H49',
      '2026-03-03T08:00:00.000Z',
      '2026-03-04T10:00:00.000Z',
    );
    const cResolved = resolved(
      c.subject,
      '000.00.13.H49',
      '2026-03-06T08:00:00.000Z',
      '2026-03-05T10:00:00.000Z',
    );
    await publish(a, b, c, aResolved, cResolved);
    await publish(a, aResolved, c); // redelivery: the same event ids again

    const sla = await waitFor(
      async () => {
        const { body } = await report('from=2026-03-01&to=2026-03-31&groupBy=agency');
        const total = body.rows.reduce((sum, row) => sum + row.resolved.total, 0);
        return total === 2 ? body : undefined;
      },
      { what: 'both resolutions counted' },
    );
    const [dept12, dept13] = sla.rows;
    expect(dept12).toMatchObject({
      key: '000.00.12.H49',
      received: { total: 2, carriedOver: 0, online: 1, directOrPostal: 1 },
      resolved: { total: 1, early: 1, onTime: 0, late: 0 },
      inProgress: { total: 1, withinDeadline: 0, overdue: 1 },
      onTimeRate: 0.5,
    });
    expect(dept13).toMatchObject({
      key: '000.00.13.H49',
      received: { total: 1, carriedOver: 0, online: 0, directOrPostal: 1 },
      resolved: { total: 1, early: 0, onTime: 0, late: 1 },
      inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
      onTimeRate: 0,
    });

    // A period that ends before the deadline judges b as still within it.
    const early = await report('from=2026-03-01&to=2026-03-03&agencyCode=000.00.12.H49');
    expect(early.body.rows[0].inProgress).toEqual({ total: 1, withinDeadline: 1, overdue: 0 });
  });

  it('lets only auditors read reports, within their agency subtree', async () => {
    const clerk = await tokenFor(isolation.infra, 'clerk', '000.00.00.H49');
    expect((await report('groupBy=agency', clerk)).status).toBe(403);
    const departmentAuditor = await tokenFor(isolation.infra, 'auditor', '000.00.12.H49');
    expect((await report('agencyCode=000.00.00.H49', departmentAuditor)).status).toBe(403);
    const own = await report('from=2026-03-01&to=2026-03-31', departmentAuditor);
    expect(own.status).toBe(200);
    expect(own.body.rows.map((r) => r.key)).toEqual(['000.00.12.H49']);
    expect((await report('groupBy=week')).status).toBe(400);
  });
});
