import { Client } from 'pg';
import { WorkingCalendar } from '@motcua/calendar';
import { createCloudEvent, EventTypes, Topics, validateCloudEvent } from '@motcua/contracts';
import {
  createTestIsolation,
  eventProducer,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';

const calendar = new WorkingCalendar();
const AGENCY = '000.00.12.H49';

interface DossierView {
  code: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  late: boolean;
  allowedActions: string[];
  confirmationDueAt: string | null;
  confirmedAt: string | null;
  confirmationOverdue: boolean;
  confirmationOutcome: string;
  sla: {
    processingLimit: number;
    limitUnit: string;
    supplementRequests: number;
    apologized: boolean;
    elapsedWorkingMinutes?: number;
  };
  fee: { amountVnd: number; paymentStatus: string };
  feedback: { satisfaction: string; complaint: boolean } | null;
  applicantVerification: { status: string; mismatches: string[] };
  components: Array<{ code: string; provided: boolean; documentId?: string }>;
}

describe('intake: the one-stop workflow on real Postgres and Kafka', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let owner: Client;
  let clerk: string;
  let officer: string;
  let portal: string;
  let admin: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('workflow');
    intake = await startServiceForTest(intakeService, isolation);
    owner = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await owner.connect();
    await owner.query(`SET search_path = ${isolation.schema}`);
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-1');
    officer = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-1');
    portal = await tokenFor(isolation.infra, 'citizen_portal', '000.00.00.H49', 'portal-1', '001203004567');
    admin = await tokenFor(isolation.infra, 'admin', '000.00.00.H49', 'admin-1');
  });

  afterAll(async () => {
    await owner?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  const call = async <T>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${intake.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const applicant = {
    idNumber: '001203004567',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '2003-05-14',
    sex: 'MALE',
    phone: '0912345678',
  };

  async function create(channel: 'DIRECT' | 'ONLINE' = 'DIRECT', procedureCode = '1.001193') {
    const token = channel === 'ONLINE' ? portal : clerk;
    const headers: Record<string, string> =
      channel === 'ONLINE' ? { 'idempotency-key': `k-${Math.random().toString(36).slice(2)}` } : {};
    const response = await call<DossierView>(
      'POST',
      '/dossiers',
      token,
      { procedureCode, agencyCode: AGENCY, channel, applicant },
      headers,
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  const act = (code: string, token: string, body: Record<string, unknown>) =>
    call<DossierView & { allowedActions?: string[]; errors?: Array<{ field: string }> }>(
      'POST',
      `/dossiers/${code}/actions`,
      token,
      body,
    );

  const history = async (code: string) =>
    (
      await call<{
        entries: Array<{ action: string; toStatus: string; actor: string; onTimeState: string | null }>;
      }>('GET', `/dossiers/${code}/history`, clerk)
    ).body.entries;

  const outboxTypes = async (code: string) =>
    (
      await owner.query('SELECT payload->>$2 AS type FROM outbox WHERE message_key = $1 ORDER BY seq', [
        code,
        'type',
      ])
    ).rows.map((r) => r.type as string);

  it('walks the usual path, with a supplement pause, writing the control sheet and one event per step', async () => {
    const dossier = await create('DIRECT');
    expect(dossier.status).toBe('RECEIVED');
    expect(dossier.dueAt).not.toBeNull();
    expect(dossier.sla.processingLimit).toBeGreaterThanOrEqual(0);
    const steps: Array<[string, string, Record<string, unknown>, string]> = [
      ['START_PROCESSING', officer, {}, 'PROCESSING'],
      [
        'REQUEST_SUPPLEMENT',
        officer,
        {
          reason: 'Thiếu giấy chứng sinh',
          components: [{ code: dossierComponent(dossier), provided: false }],
        },
        'SUPPLEMENT_REQUESTED',
      ],
      [
        'RECEIVE_SUPPLEMENT',
        clerk,
        { components: [{ code: dossierComponent(dossier), provided: true }] },
        'PROCESSING',
      ],
      ['RESOLVE', officer, {}, 'RESOLVED'],
      ['RETURN_RESULT', clerk, {}, 'RETURNED'],
    ];
    for (const [action, token, extra, expected] of steps) {
      const response = await act(dossier.code, token, { action, ...extra });
      expect({ action, status: response.status, to: response.body.status }).toEqual({
        action,
        status: 200,
        to: expected,
      });
    }
    const sheet = await history(dossier.code);
    expect(sheet.map((e) => e.action)).toEqual([
      'RECEIVE',
      'START_PROCESSING',
      'REQUEST_SUPPLEMENT',
      'RECEIVE_SUPPLEMENT',
      'RESOLVE',
      'RETURN_RESULT',
    ]);
    expect(sheet.slice(1).every((e) => e.onTimeState === 'EARLY' || e.onTimeState === 'ON_TIME')).toBe(true);
    expect(sheet.map((e) => e.actor)).toEqual([
      'clerk-1',
      'officer-1',
      'officer-1',
      'clerk-1',
      'officer-1',
      'clerk-1',
    ]);
    expect(await outboxTypes(dossier.code)).toEqual([
      EventTypes.DossierReceivedV1,
      ...Array(5).fill(EventTypes.DossierStatusChangedV1),
    ]);
    const final = (await call<DossierView>('GET', `/dossiers/${dossier.code}`, clerk)).body;
    expect(final.allowedActions).toEqual([]);
    expect(final.sla.supplementRequests).toBe(1);
    expect(final.late).toBe(false);
  });

  function dossierComponent(dossier: DossierView): string {
    return dossier.components[0]?.code ?? 'TK01';
  }

  it('starts an online dossier without a deadline, with 8 working hours to accept it, and dates it from acceptance', async () => {
    const dossier = await create('ONLINE');
    expect(dossier.status).toBe('SUBMITTED');
    expect(dossier.dueAt).toBeNull();
    expect(dossier.confirmationDueAt).not.toBeNull();
    const minutesToConfirm = calendar.workingMinutesBetween(new Date(), new Date(dossier.confirmationDueAt!));
    expect(minutesToConfirm).toBeGreaterThan(8 * 60 - 2);
    expect(minutesToConfirm).toBeLessThanOrEqual(8 * 60);
    const accepted = await act(dossier.code, clerk, { action: 'ACCEPT' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('RECEIVED');
    expect(accepted.body.dueAt).not.toBeNull();
  });

  it('guides an incomplete online dossier once before acceptance, without starting the clock', async () => {
    const dossier = await create('ONLINE');
    const guided = await act(dossier.code, clerk, {
      action: 'REQUEST_SUPPLEMENT',
      reason: 'Thiếu giấy chứng sinh',
    });
    expect(guided.body).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', dueAt: null });
    expect(guided.body.sla.supplementRequests).toBe(0); // the completeness check is not a processing request
    // Another citizen's portal token does not reach this dossier (404, nothing changes).
    const stranger = await tokenFor(
      isolation.infra,
      'citizen_portal',
      '000.00.00.H49',
      'p-9',
      '001203009999',
    );
    expect((await act(dossier.code, stranger, { action: 'RECEIVE_SUPPLEMENT' })).status).toBe(404);
    const back = await act(dossier.code, portal, { action: 'RECEIVE_SUPPLEMENT' });
    expect(back.body).toMatchObject({ status: 'SUBMITTED', dueAt: null });
    expect((await act(dossier.code, clerk, { action: 'ACCEPT' })).body.status).toBe('RECEIVED');
  });

  /** Moves the current confirmation round's limit into the past, as if 8 working hours had gone by unanswered. */
  const letConfirmationLapse = (code: string) =>
    owner.query(`UPDATE dossier SET confirmation_due_at = now() - interval '1 minute' WHERE code = $1`, [
      code,
    ]);

  const confirmationEvents = async (code: string) =>
    (
      await owner.query(
        `SELECT payload->'data'->'onlineConfirmation' AS c FROM outbox
          WHERE message_key = $1 AND payload->>'type' = $2 ORDER BY seq`,
        [code, EventTypes.DossierStatusChangedV1],
      )
    ).rows.map((r) => r.c as { dueAt: string; confirmedAt: string | null; outcome: string } | null);

  it.each([
    ['ACCEPT', 'RECEIVED', {}],
    ['REJECT', 'REJECTED', { reason: 'Không thuộc thẩm quyền' }],
    ['REQUEST_SUPPLEMENT', 'SUPPLEMENT_REQUESTED', { reason: 'Thiếu giấy chứng sinh' }],
  ])(
    'judges the 8-working-hour confirmation when a dossier is answered by %s, in time or late',
    async (action, to, extra) => {
      const inTime = await create('ONLINE');
      const answered = (await act(inTime.code, clerk, { action, ...extra })).body;
      expect(answered).toMatchObject({
        status: to,
        confirmationOutcome: 'ON_TIME',
        confirmationOverdue: false,
      });
      expect(answered.confirmedAt).not.toBeNull();

      const late = await create('ONLINE');
      await letConfirmationLapse(late.code);
      expect((await call<DossierView>('GET', `/dossiers/${late.code}`, clerk)).body).toMatchObject({
        status: 'SUBMITTED',
        confirmationOverdue: true,
        confirmationOutcome: 'LATE',
      });
      const answeredLate = (await act(late.code, clerk, { action, ...extra })).body;
      // The old flag only knew acceptance: a refusal or a supplement request after 8 hours read as in time.
      expect(answeredLate).toMatchObject({
        status: to,
        confirmationOverdue: true,
        confirmationOutcome: 'LATE',
      });
      expect(await confirmationEvents(late.code)).toEqual([
        { dueAt: expect.any(String), confirmedAt: answeredLate.confirmedAt, outcome: 'LATE' },
      ]);
      expect(await confirmationEvents(inTime.code)).toEqual([
        { dueAt: inTime.confirmationDueAt, confirmedAt: answered.confirmedAt, outcome: 'ON_TIME' },
      ]);
    },
  );

  it('gives a dossier back in SUBMITTED after a supplement a new 8-working-hour round', async () => {
    const dossier = await create('ONLINE');
    await act(dossier.code, clerk, { action: 'REQUEST_SUPPLEMENT', reason: 'Thiếu giấy chứng sinh' });
    // The first round's limit lapses while the applicant gathers the papers: that round was answered in time.
    await letConfirmationLapse(dossier.code);
    const back = (await act(dossier.code, portal, { action: 'RECEIVE_SUPPLEMENT' })).body;
    expect(back).toMatchObject({ status: 'SUBMITTED', confirmedAt: null, confirmationOverdue: false });
    expect(back.confirmationOutcome).toBe('PENDING');
    const minutesLeft = calendar.workingMinutesBetween(new Date(), new Date(back.confirmationDueAt!));
    expect(minutesLeft).toBeGreaterThan(8 * 60 - 2);
    const accepted = (await act(dossier.code, clerk, { action: 'ACCEPT' })).body;
    expect(accepted).toMatchObject({ status: 'RECEIVED', confirmationOutcome: 'ON_TIME' });
    expect((await confirmationEvents(dossier.code)).map((c) => c?.outcome)).toEqual([
      'ON_TIME',
      'PENDING',
      'ON_TIME',
    ]);

    // The new round lapses too: late, and it stays late once accepted.
    const other = await create('ONLINE');
    await act(other.code, clerk, { action: 'REQUEST_SUPPLEMENT', reason: 'Thiếu giấy chứng sinh' });
    await act(other.code, portal, { action: 'RECEIVE_SUPPLEMENT' });
    await letConfirmationLapse(other.code);
    const acceptedLate = (await act(other.code, clerk, { action: 'ACCEPT' })).body;
    expect(acceptedLate).toMatchObject({
      status: 'RECEIVED',
      confirmationOverdue: true,
      confirmationOutcome: 'LATE',
    });
  });

  it('leaves desk dossiers out of the confirmation rule', async () => {
    const dossier = await create('DIRECT');
    expect(dossier).toMatchObject({
      confirmationDueAt: null,
      confirmationOverdue: false,
      confirmationOutcome: 'NONE',
    });
    await act(dossier.code, officer, { action: 'START_PROCESSING' });
    expect(await confirmationEvents(dossier.code)).toEqual([null]);
  });

  it('refuses a dossier for an unknown procedure, agency or component with 422, creating nothing', async () => {
    const [{ n: before }] = (await owner.query('SELECT count(*)::int AS n FROM dossier')).rows;
    const post = (body: Record<string, unknown>) =>
      call<{ errors: Array<{ field: string }> }>('POST', '/dossiers', clerk, {
        procedureCode: '1.001193',
        agencyCode: AGENCY,
        channel: 'DIRECT',
        applicant,
        ...body,
      });
    const unknownProcedure = await post({ procedureCode: '9.999999' });
    expect(unknownProcedure.status).toBe(422);
    expect(unknownProcedure.body.errors.map((e) => e.field)).toEqual(['procedureCode']);
    const unknownAgency = await post({ agencyCode: '000.09.12.H49' });
    expect(unknownAgency.status).toBe(422);
    expect(unknownAgency.body.errors.map((e) => e.field)).toEqual(['agencyCode']);
    expect((await post({ components: [{ code: 'NOPE', provided: true }] })).status).toBe(422);
    const badId = await post({ applicant: { ...applicant, idNumber: '001204004567' } }); // says born 2004
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e) => e.field)).toContain('applicant.idNumber');
    const [{ n: after }] = (await owner.query('SELECT count(*)::int AS n FROM dossier')).rows;
    expect(after).toBe(before);
  });

  it('refuses an action the status does not allow with 409 listing the allowed ones, and changes nothing', async () => {
    const dossier = await create('ONLINE');
    const before = await history(dossier.code);
    const refused = await act(dossier.code, officer, { action: 'RESOLVE' });
    expect(refused.status).toBe(409);
    expect([...(refused.body.allowedActions ?? [])].sort()).toEqual([
      'ACCEPT',
      'REJECT',
      'REQUEST_SUPPLEMENT',
      'WITHDRAW',
    ]);
    const noReason = await act(dossier.code, clerk, { action: 'REJECT' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.field)).toEqual(['reason']);
    expect((await act(dossier.code, clerk, { action: 'FLY' })).status).toBe(400);
    expect((await act(dossier.code, officer, { action: 'ACCEPT' })).status).toBe(403); // the desk accepts
    expect((await act('000.00.12.H49-991231-9999', clerk, { action: 'ACCEPT' })).status).toBe(404);
    expect(await history(dossier.code)).toEqual(before);
    expect(await outboxTypes(dossier.code)).toEqual([EventTypes.DossierReceivedV1]);
  });

  it('ends in refusal, withdrawal or stop, after which nothing more is allowed', async () => {
    const refused = await create('DIRECT');
    expect(
      (await act(refused.code, clerk, { action: 'REJECT', reason: 'Không thuộc thẩm quyền' })).body.status,
    ).toBe('REJECTED');
    const withdrawn = await create('ONLINE');
    expect((await act(withdrawn.code, portal, { action: 'WITHDRAW' })).body.status).toBe('WITHDRAWN');
    const stopped = await create('DIRECT');
    expect(
      (await act(stopped.code, officer, { action: 'STOP', reason: 'Người yêu cầu đề nghị dừng' })).body
        .status,
    ).toBe('STOPPED');
    for (const code of [refused.code, withdrawn.code, stopped.code]) {
      const again = await act(code, clerk, { action: 'START_PROCESSING' });
      expect(again.status).toBe(409);
      expect(again.body.allowedActions).toEqual([]);
    }
  });

  it('marks a dossier late on a second supplement request, and on an apology that moves the appointment once', async () => {
    const twice = await create('DIRECT');
    await act(twice.code, officer, { action: 'REQUEST_SUPPLEMENT', reason: 'thiếu 1' });
    await act(twice.code, clerk, { action: 'RECEIVE_SUPPLEMENT' });
    const second = await act(twice.code, officer, { action: 'REQUEST_SUPPLEMENT', reason: 'thiếu 2' });
    expect(second.body.sla.supplementRequests).toBe(2);
    expect(second.body.late).toBe(true);

    const [{ late_by_rule: flagged }] = (
      await owner.query('SELECT late_by_rule FROM dossier WHERE code = $1', [twice.code])
    ).rows;
    expect(flagged).toBe(true);
  });

  it('lets the officer apologise once, moving the appointment, which marks the dossier late', async () => {
    const dossier = await create('DIRECT', '1.012766'); // 20 working days: the deadline is weeks away
    const dueAt = new Date(dossier.dueAt!);
    const earlier = await act(dossier.code, officer, {
      action: 'APOLOGIZE',
      reason: 'Chờ xác minh',
      newDueAt: new Date(dueAt.getTime() - 86_400_000).toISOString(),
    });
    expect(earlier.status).toBe(422);
    expect((await act(dossier.code, officer, { action: 'APOLOGIZE', reason: 'Chờ xác minh' })).status).toBe(
      400,
    );
    const newDueAt = new Date(dueAt.getTime() + 7 * 86_400_000).toISOString();
    const apologised = await act(dossier.code, officer, {
      action: 'APOLOGIZE',
      reason: 'Chờ xác minh nguồn gốc đất',
      newDueAt,
    });
    expect(apologised.status).toBe(200);
    expect(apologised.body).toMatchObject({ status: 'RECEIVED', dueAt: newDueAt, late: true });
    expect(apologised.body.sla.apologized).toBe(true);
    const again = await act(dossier.code, officer, {
      action: 'APOLOGIZE',
      reason: 'lần nữa',
      newDueAt: new Date(dueAt.getTime() + 14 * 86_400_000).toISOString(),
    });
    expect(again.status).toBe(409);
    expect((await history(dossier.code)).map((e) => e.action)).toEqual(['RECEIVE', 'APOLOGIZE']);
  });

  it('prints the receipt and appointment slip (form 01) as JSON and as a PDF', async () => {
    const dossier = await create('DIRECT');
    const form = await call<{
      form: string;
      dossierCode: string;
      agency: { name: string };
      appointmentAt: string;
      request: { procedureName: string };
    }>('GET', `/dossiers/${dossier.code}/receipt`, clerk);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ form: '01', dossierCode: dossier.code, appointmentAt: dossier.dueAt });
    expect(form.body.agency.name).toContain('Tư pháp');
    expect(form.body.request.procedureName).toContain('khai sinh');
    const pdf = await fetch(`${intake.url}/dossiers/${dossier.code}/receipt`, {
      headers: { authorization: `Bearer ${clerk}`, accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('NotoSerif');
    const stranger = await tokenFor(isolation.infra, 'clerk', '000.00.13.H49');
    expect(
      (
        await fetch(`${intake.url}/dossiers/${dossier.code}/receipt`, {
          headers: { authorization: `Bearer ${stranger}` },
        })
      ).status,
    ).toBe(404);
  });

  it('keeps the control sheet append-only for the service role', async () => {
    const dossier = await create('DIRECT');
    const app = new Client({ connectionString: isolation.appDatabaseUrl });
    await app.connect();
    try {
      await app.query(`SET search_path = ${isolation.schema}`);
      await expect(
        app.query('UPDATE dossier_action SET actor = $1 WHERE dossier_code = $2', ['forger', dossier.code]),
      ).rejects.toThrow(/permission denied/);
      await expect(
        app.query('DELETE FROM dossier_action WHERE dossier_code = $1', [dossier.code]),
      ).rejects.toThrow(/permission denied/);
      const { rows } = await app.query('SELECT actor FROM dossier_action WHERE dossier_code = $1', [
        dossier.code,
      ]);
      expect(rows).toEqual([{ actor: 'clerk-1' }]);
    } finally {
      await app.end();
    }
  });

  it('imports a legacy dossier across Tết 2026, replaying its history with the recorded times', async () => {
    const procedure = (
      await call<{ versions?: unknown; processingLimit?: number }>(
        'GET',
        '/procedures/1.001193?at=2026-02-12',
        clerk,
      )
    ).body;
    expect(procedure).toBeTruthy();
    // Received Thu 12 Feb 2026 10:00; supplement requested Fri 13 Feb 09:00, received Tue 24 Feb 09:00 (Tết in between).
    const imported = await call<{ imported: number; results: Array<{ code: string; status: string }> }>(
      'POST',
      '/dossiers/import',
      admin,
      {
        dossiers: [
          {
            procedureCode: '1.001193',
            agencyCode: AGENCY,
            channel: 'ONLINE',
            applicant,
            receivedAt: '2026-02-12T03:00:00.000Z',
            actions: [
              { action: 'START_PROCESSING', at: '2026-02-12T04:00:00.000Z' },
              { action: 'REQUEST_SUPPLEMENT', at: '2026-02-13T02:00:00.000Z', reason: 'Thiếu tờ khai' },
              { action: 'RECEIVE_SUPPLEMENT', at: '2026-02-24T02:00:00.000Z' },
              { action: 'RESOLVE', at: '2026-02-24T08:00:00.000Z' },
            ],
          },
        ],
      },
    );
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(1);
    const [{ code, status }] = imported.body.results;
    expect(status).toBe('RESOLVED');
    expect(code).toMatch(/^000\.00\.12\.H49-260212-\d{4}$/);
    const view = (await call<DossierView>('GET', `/dossiers/${code}`, clerk)).body;
    const receivedAt = new Date('2026-02-12T03:00:00.000Z');
    const initialDue =
      view.sla.limitUnit === 'WORKING_HOURS'
        ? calendar.dueForWorkingHours(receivedAt, view.sla.processingLimit)
        : calendar.dueForWorkingDays(receivedAt, view.sla.processingLimit);
    const paused = calendar.workingMinutesBetween(
      new Date('2026-02-13T02:00:00.000Z'),
      new Date('2026-02-24T02:00:00.000Z'),
    );
    // Fri 13 Feb 09:00-17:00 (6.5 h) + Mon 23 Feb (8 h) + Tue 24 Feb 07:30-09:00 (1.5 h): Tết 14-22 Feb is not counted.
    expect(paused).toBe(16 * 60);
    expect(view.dueAt).toBe(calendar.dueForWorkingHours(initialDue, paused / 60).toISOString());
    const sheet = await history(code);
    expect(sheet.map((e) => e.action)).toEqual([
      'IMPORT',
      'START_PROCESSING',
      'REQUEST_SUPPLEMENT',
      'RECEIVE_SUPPLEMENT',
      'RESOLVE',
    ]);
    expect(await outboxTypes(code)).toEqual([
      EventTypes.DossierReceivedV1,
      ...Array(4).fill(EventTypes.DossierStatusChangedV1),
    ]);

    expect((await call('POST', '/dossiers/import', clerk, { dossiers: [] })).status).toBe(403);
  });

  it('imports all or nothing: one refused dossier and none of the batch is stored, each refusal named', async () => {
    const legacy = (actions: Array<{ action: string; at: string }>) => ({
      procedureCode: '1.001193',
      agencyCode: AGENCY,
      channel: 'DIRECT',
      applicant,
      receivedAt: '2026-03-02T03:00:00.000Z',
      actions,
    });
    const good = legacy([{ action: 'START_PROCESSING', at: '2026-03-02T04:00:00.000Z' }]);
    const broken = legacy([{ action: 'RETURN_RESULT', at: '2026-03-03T03:00:00.000Z' }]);
    const outOfOrder = legacy([{ action: 'START_PROCESSING', at: '2026-03-01T03:00:00.000Z' }]);
    const count = async () =>
      Number(
        (await owner.query(`SELECT count(*) AS n FROM dossier WHERE received_at = '2026-03-02T03:00:00Z'`))
          .rows[0].n,
      );
    const before = await count();

    const refused = await call<{ status: number; errors: Array<{ field: string; message: string }> }>(
      'POST',
      '/dossiers/import',
      admin,
      { dossiers: [good, broken, good, outOfOrder] },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e) => e.field)).toEqual(['dossiers[1]', 'dossiers[3]']);
    expect(refused.body.errors[1].message).toContain('history-out-of-order');
    expect(await count()).toBe(before);

    // Without an applicant the batch is a 400 before anything runs.
    const { applicant: _, ...withoutApplicant } = good;
    const invalid = await call<{ errors: Array<{ field: string }> }>('POST', '/dossiers/import', admin, {
      dossiers: [good, withoutApplicant],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e) => e.field)).toContain('dossiers[1].applicant');
    expect(await count()).toBe(before);
    // An item that is an array, not a dossier (found by schemathesis): a 400, not a crash in the service.
    for (const dossiers of [[[]], [good, [good]]]) {
      expect((await call('POST', '/dossiers/import', admin, { dossiers })).status).toBe(400);
    }
    expect(
      (await call('POST', '/dossiers/import', admin, { dossiers: [{ ...good, actions: [[]] }] })).status,
    ).toBe(400);
    expect(await count()).toBe(before);

    const accepted = await call<{ imported: number; results: Array<{ index: number; status: string }> }>(
      'POST',
      '/dossiers/import',
      admin,
      { dossiers: [good, good] },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.imported).toBe(2);
    expect(accepted.body.results.map((r) => [r.index, r.status])).toEqual([
      [0, 'PROCESSING'],
      [1, 'PROCESSING'],
    ]);
    expect(await count()).toBe(before + 2);
  });

  it('records the fee payment and the applicant feedback, each with an event', async () => {
    const dossier = await create('DIRECT');
    const paid = await call<DossierView>('POST', `/dossiers/${dossier.code}/payment`, clerk, {
      paymentStatus: 'PAID_AT_DESK',
      amountVnd: dossier.fee.amountVnd,
    });
    if (dossier.fee.paymentStatus === 'NOT_REQUIRED') {
      expect(paid.status).toBe(409);
    } else {
      expect(paid.status).toBe(200);
      expect(paid.body.fee.paymentStatus).toBe('PAID_AT_DESK');
    }
    const feedback = await call<DossierView>('POST', `/dossiers/${dossier.code}/feedback`, portal, {
      satisfaction: 'UNSATISFIED',
      complaint: true,
    });
    expect(feedback.status).toBe(200);
    expect(feedback.body.feedback).toMatchObject({ satisfaction: 'UNSATISFIED', complaint: true });
    expect(await outboxTypes(dossier.code)).toContain(EventTypes.DossierFeedbackRecordedV1);
    // Every dossier event names the dossier as `dossierCode` too, and is valid as consumers check it.
    const { rows } = await owner.query('SELECT payload FROM outbox WHERE message_key = $1', [dossier.code]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { payload } of rows) {
      expect(payload.data).toMatchObject({ code: dossier.code, dossierCode: dossier.code });
      expect(validateCloudEvent(payload)).toMatchObject({ valid: true });
    }
  });

  it('shows the applicant verification and component documents that other services publish', async () => {
    const dossier = await create('DIRECT');
    const producer = await eventProducer(isolation, 'workflow-test');
    const verified = createCloudEvent({
      type: EventTypes.CitizenVerifiedV1,
      source: '/test/data-sharing',
      subject: dossier.code,
      data: {
        dossierCode: dossier.code,
        match: false,
        mismatches: ['fullName'],
        verifiedAt: new Date().toISOString(),
      },
    });
    const component = dossierComponent(dossier);
    const digitized = createCloudEvent({
      type: EventTypes.DocumentDigitizedV1,
      source: '/test/digitization',
      subject: dossier.code,
      data: {
        documentId: 'doc-1',
        dossierCode: dossier.code,
        componentCode: component,
        kind: 'SUPPORTING',
        origin: 'SCANNED_PAPER',
        digitizationLevel: 'STRUCTURED',
        mimeType: 'application/pdf',
        sha256: 'a'.repeat(64),
        size: 1024,
        storedAt: new Date().toISOString(),
      },
    });
    await producer.send({
      topic: `${isolation.topicPrefix}${Topics.Citizen}`,
      messages: [{ key: dossier.code, value: JSON.stringify(verified) }],
    });
    await producer.send({
      topic: `${isolation.topicPrefix}${Topics.Document}`,
      messages: [{ key: dossier.code, value: JSON.stringify(digitized) }],
    });
    await producer.disconnect();
    const view = await waitFor(
      async () => {
        const current = (await call<DossierView>('GET', `/dossiers/${dossier.code}`, clerk)).body;
        const doc = current.components.find((c) => c.code === component);
        return current.applicantVerification.status === 'MISMATCH' && doc?.documentId === 'doc-1'
          ? current
          : undefined;
      },
      { what: 'verification and document shown on the dossier' },
    );
    expect(view.applicantVerification.mismatches).toEqual(['fullName']);
  });
});
