import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { vietnamDateOf } from '@motcua/calendar';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { HttpStatus } from '@nestjs/common';
import { localized, ProblemException } from '@motcua/http';
import { IntakeConfig } from '../src/config/intake.config';
import { DossierRulesService } from '../src/dossiers/dossier-rules.service';
import { DOSSIER_CODE_PATTERN } from '../src/dossiers/dossier-code';
import { intakeService } from '../src/intake.service-definition';

/**
 * The intake write is one call of intake_receive_dossier (issue 16): these check that, under concurrent intake
 * spread over agencies and mixed with Idempotency-Key replays, every guarantee of the old multi-statement
 * transaction still holds on the real Postgres.
 */
describe('intake: dossier codes and the one-statement write under concurrency', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let clerk: string;
  let portal: string;
  const agencies = ['000.31.12.H49', '000.32.12.H49', '000.33.12.H49'];

  beforeAll(async () => {
    isolation = await createTestIsolation('intake');
    intake = await startServiceForTest(intakeService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    // Agencies of this file's own, so their counters start at zero whatever other tests did.
    await db.query(
      `INSERT INTO agency (code, name, parent_code, level)
       SELECT unnest($1::text[]), 'Counter test agency', '000.00.12.H49', 3`,
      [agencies],
    );
    clerk = await tokenFor(isolation.infra, 'clerk', '000.00.12.H49', 'clerk-counter');
    portal = await tokenFor(
      isolation.infra,
      'citizen_portal',
      '000.00.00.H49',
      'portal-counter',
      '001203004567',
    );
  });

  afterAll(async () => {
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  const body = (agencyCode: string, channel = 'DIRECT') => ({
    procedureCode: '1.001193',
    agencyCode,
    channel,
    applicant: {
      idNumber: '001203004567',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
    },
  });

  const post = async (token: string, payload: unknown, key?: string) => {
    const response = await fetch(`${intake.url}/dossiers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(payload),
    });
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      code: ((await response.json()) as { code: string }).code,
    };
  };

  const sequenceOf = (code: string) => Number(code.split('-').at(-1));

  it('gives interleaved intake over several agencies gap-free codes per agency, replays taking no number', async () => {
    const [direct, alsoDirect, online] = agencies;
    // Five portal keys each sent three times at once: five dossiers, ten replays.
    const keys = Array.from({ length: 5 }, () => `counter-${randomUUID()}`);
    const requests = [
      ...Array.from({ length: 12 }, () => post(clerk, body(direct))),
      ...Array.from({ length: 12 }, () => post(clerk, body(alsoDirect))),
      ...keys.flatMap((key) => [1, 2, 3].map(() => post(portal, body(online, 'ONLINE'), key))),
    ];
    const results = await Promise.all(requests);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.replayed)).toHaveLength(10);

    const day = vietnamDateOf(new Date()).slice(2).replaceAll('-', '');
    const created = results.filter((r) => !r.replayed);
    for (const [agency, count] of [
      [direct, 12],
      [alsoDirect, 12],
      [online, 5],
    ] as const) {
      const codes = created.map((r) => r.code).filter((c) => c.startsWith(`${agency}-`));
      expect(codes.every((c) => c.startsWith(`${agency}-${day}-`) && DOSSIER_CODE_PATTERN.test(c))).toBe(
        true,
      );
      expect(codes.map(sequenceOf).sort((a, b) => a - b)).toEqual(
        Array.from({ length: count }, (_, i) => i + 1),
      );
      const { rows } = await db.query('SELECT last_value FROM dossier_code_sequence WHERE agency_code = $1', [
        agency,
      ]);
      expect(rows).toEqual([{ last_value: count }]);
    }
    // Each replay answered the code its key's first request made.
    for (const key of keys) {
      const { rows } = await db.query('SELECT dossier_code FROM idempotency_key WHERE key = $1', [key]);
      expect(rows).toHaveLength(1);
      expect(DOSSIER_CODE_PATTERN.test(rows[0].dossier_code)).toBe(true);
    }

    // Every dossier has exactly its first control-sheet line, its clock (none while an online one waits for
    // acceptance) and one received event naming it.
    const { rows } = await db.query(
      `SELECT d.code, d.status, d.channel, d.confirmation_due_at IS NOT NULL AS confirmation_due,
              (SELECT json_agg(json_build_object('seq', a.seq, 'action', a.action, 'to', a.to_status, 'actor', a.actor))
                 FROM dossier_action a WHERE a.dossier_code = d.code) AS actions,
              (SELECT count(*)::int FROM dossier_clock_segment c WHERE c.dossier_code = d.code AND c.ended_at IS NULL
                  AND c.seq = 1 AND c.started_at = d.received_at) AS open_segments,
              (SELECT count(*)::int FROM dossier_clock_segment c WHERE c.dossier_code = d.code) AS segments,
              (SELECT json_agg(json_build_object('key', o.message_key, 'subject', o.payload->>'subject',
                                                 'code', o.payload->'data'->>'code', 'type', o.payload->>'type'))
                 FROM outbox o WHERE o.message_key = d.code) AS events
         FROM dossier d WHERE d.agency_code = ANY($1)`,
      [agencies],
    );
    expect(rows).toHaveLength(29);
    for (const row of rows) {
      const isOnline = row.channel === 'ONLINE';
      expect(row.status).toBe(isOnline ? 'SUBMITTED' : 'RECEIVED');
      expect(row.confirmation_due).toBe(isOnline);
      expect(row.actions).toEqual([
        { seq: 1, action: 'RECEIVE', to: row.status, actor: isOnline ? 'portal-counter' : 'clerk-counter' },
      ]);
      expect([row.segments, row.open_segments]).toEqual(isOnline ? [0, 0] : [1, 1]);
      expect(row.events).toEqual([
        { key: row.code, subject: row.code, code: row.code, type: 'vn.motcua.dossier.received.v1' },
      ]);
    }
  });

  it('gives the number back when the write fails after taking it', async () => {
    const agency = agencies[0];
    const before = await post(clerk, body(agency));
    const { rows } = await db.query('SELECT event_id FROM outbox WHERE message_key = $1', [before.code]);
    // The same event id again: the outbox insert, after the counter, violates its unique key.
    await expect(
      db.query(
        `SELECT * FROM intake_receive_dossier($4, $1, '[]', $2, $3, 'motcua.dossier.v1', NULL, NULL, NULL)`,
        [
          JSON.stringify({ ...dossierColumns(agency), received_at: new Date() }),
          JSON.stringify({
            action: 'RECEIVE',
            to_status: 'RECEIVED',
            actor: 't',
            actor_agency: agency,
            at: new Date(),
            details: {},
          }),
          JSON.stringify({ id: rows[0].event_id, data: {} }),
          vietnamDateOf(new Date()),
        ],
      ),
    ).rejects.toThrow(/outbox_event_id_key/);
    const after = await post(clerk, body(agency));
    expect(sequenceOf(after.code)).toBe(sequenceOf(before.code) + 1);
    expect(
      (await db.query('SELECT count(*)::int AS n FROM dossier WHERE agency_code = $1', [agency])).rows,
    ).toEqual([{ n: sequenceOf(after.code) }]);
  });

  it('widens the sequence past 9,999 instead of wrapping', async () => {
    const agency = agencies[1];
    await db.query('UPDATE dossier_code_sequence SET last_value = 9999 WHERE agency_code = $1', [agency]);
    const first = await post(clerk, body(agency));
    const second = await post(clerk, body(agency));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.code).toMatch(/-10000$/);
    expect(second.code).toMatch(/-10001$/);
    expect(DOSSIER_CODE_PATTERN.test(first.code)).toBe(true);
  });

  it('answers a replay with its dossier even when the catalogue no longer knows the procedure', async () => {
    const key = `counter-${randomUUID()}`;
    const first = await post(portal, body(agencies[2], 'ONLINE'), key);
    expect(first.status).toBe(201);
    // What the rules lookup says once the procedure left the catalogue (after the cache's 30 s).
    const rules = intake.app.get(DossierRulesService);
    const gone = () =>
      Promise.reject(
        new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'unknown-procedure', localized('gone', 'hết')),
      );
    const spy = jest.spyOn(rules, 'procedureRulesAt').mockImplementation(gone);
    try {
      const replay = await post(portal, body(agencies[2], 'ONLINE'), key);
      expect(replay).toEqual({ status: 201, replayed: true, code: first.code });
      const fresh = await fetch(`${intake.url}/dossiers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${portal}`,
          'content-type': 'application/json',
          'idempotency-key': `counter-${randomUUID()}`,
        },
        body: JSON.stringify(body(agencies[2], 'ONLINE')),
      });
      expect(fresh.status).toBe(422);
    } finally {
      spy.mockRestore();
    }
  });
});

function dossierColumns(agency: string) {
  return {
    procedure_code: '1.001193',
    procedure_name: 'x',
    processing_limit: '1',
    limit_unit: 'WORKING_DAYS',
    agency_code: agency,
    channel: 'DIRECT',
    status: 'RECEIVED',
    applicant_id_number: '001203004567',
    applicant_full_name: 'x',
    applicant_date_of_birth: '2003-05-14',
    components: [],
    results: [],
    fee_vnd: 0,
    payment_status: 'NOT_REQUIRED',
    imported: false,
    created_by: 't',
    version: 1,
  };
}
