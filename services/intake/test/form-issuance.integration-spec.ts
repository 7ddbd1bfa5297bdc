import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import { CloudEvent, EventTypes, Topics } from '@motcua/contracts';
import { developmentCaPaths, ensureDevelopmentCa, type DevelopmentCa } from '@motcua/dev-stack';
import { DER_CODEC, issue, loadIssued, privateKeyPem, toPem } from '@motcua/pdf';
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

const AGENCY = '000.00.12.H49';
/** An agency whose signing secret is mounted only later in the test. */
const LATE_AGENCY = '000.00.13.H49';

interface IssuedRow {
  form_code: string;
  action_seq: number;
  sha256: string;
  title: string;
  pdf: Buffer;
  issued_at: Date;
}

/**
 * Forms 01-05 are issued in the background from intake's own dossier events: once per control-sheet line,
 * whatever the redeliveries and failures, each signed form stored and announced by one form-issued event.
 */
describe('intake: issuing forms 01-05 from the control sheet, on real Postgres and Kafka', () => {
  let work: string;
  let ca: DevelopmentCa;
  let secrets: string;
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let owner: Client;
  let clerk: string;
  let officer: string;
  let producer: Producer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'motcua-form-issuance-'));
    ca = await ensureDevelopmentCa(join(work, 'ca'));
    secrets = join(work, 'secrets');
    await mountSecret(AGENCY);
    isolation = await createTestIsolation('form-issuance');
    // Production's way: one secret folder per agency (FORM_SIGNING_DIR), the CA's CRL beside the key.
    intake = await startServiceForTest(intakeService, isolation, {
      FORM_SIGNING_DIR: secrets,
      FORM_ISSUANCE_RETRY_MS: '300',
    });
    owner = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await owner.connect();
    await owner.query(`SET search_path = ${isolation.schema}`);
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-forms');
    officer = await tokenFor(isolation.infra, 'officer', AGENCY, 'officer-forms');
    producer = await eventProducer(isolation, 'form-issuance-test');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await owner?.end();
    await intake?.close();
    await isolation?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function mountSecret(agencyCode: string) {
    const paths = developmentCaPaths(ca.dir);
    const issuer = await loadIssued(readFileSync(paths.key, 'utf8'), readFileSync(paths.certificate, 'utf8'));
    const signer = await issue(DER_CODEC, issuer, `Cơ quan ${agencyCode}`, {
      key: { type: 'ec', curve: 'P-256' },
    });
    const dir = join(secrets, agencyCode);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'key.pem'), privateKeyPem(signer));
    writeFileSync(join(dir, 'cert.pem'), toPem(signer.certificate.der, 'CERTIFICATE'));
    writeFileSync(join(dir, 'ca.crl'), readFileSync(paths.crl));
  }

  const call = async (path: string, token: string, body: unknown) => {
    const response = await fetch(`${intake.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { code: string; status: string } };
  };
  const create = async (agencyCode = AGENCY, token = clerk) => {
    const response = await call('/dossiers', token, {
      procedureCode: '1.001193',
      agencyCode,
      channel: 'DIRECT',
      applicant: {
        idNumber: '001203004567',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '2003-05-14',
        sex: 'MALE',
      },
    });
    expect(response.status).toBe(201);
    return response.body.code;
  };
  const act = async (code: string, token: string, body: Record<string, unknown>) => {
    const response = await call(`/dossiers/${code}/actions`, token, body);
    expect({ action: body.action, status: response.status }).toEqual({ action: body.action, status: 200 });
  };
  const issued = async (code: string) =>
    (
      await owner.query<IssuedRow>(
        'SELECT form_code, action_seq, sha256, title, pdf, issued_at FROM issued_form WHERE dossier_code = $1 ORDER BY action_seq',
        [code],
      )
    ).rows;
  const announced = async (code: string) =>
    (
      await owner.query<{ form: string; seq: number; sha: string }>(
        `SELECT payload->'data'->>'formCode' AS form, (payload->'data'->>'actionSeq')::int AS seq,
                payload->'data'->>'sha256' AS sha
           FROM outbox WHERE message_key = $1 AND payload->>'type' = $2 ORDER BY seq`,
        [code, EventTypes.DossierFormIssuedV1],
      )
    ).rows;
  const sheetAt = async (code: string, seq: number) =>
    (
      await owner.query<{ at: Date }>('SELECT at FROM dossier_action WHERE dossier_code = $1 AND seq = $2', [
        code,
        seq,
      ])
    ).rows[0].at;

  it('issues 01, 02 (twice), 05 and 03 once each, signed, stored and announced', async () => {
    const code = await create();
    await act(code, officer, { action: 'START_PROCESSING' });
    for (let round = 0; round < 2; round += 1) {
      await act(code, officer, {
        action: 'REQUEST_SUPPLEMENT',
        reason: 'Thiếu giấy chứng sinh',
        components: [{ code: 'TK01', provided: false }],
      });
      await act(code, clerk, {
        action: 'RECEIVE_SUPPLEMENT',
        components: [{ code: 'TK01', provided: true }],
      });
    }
    await act(code, officer, { action: 'STOP', reason: 'Người yêu cầu đề nghị dừng' });
    const refused = await create();
    await act(refused, clerk, { action: 'REJECT', reason: 'Không thuộc thẩm quyền' });

    // Lines: 1 RECEIVE, 2 START_PROCESSING, 3 REQUEST_SUPPLEMENT, 4 RECEIVE_SUPPLEMENT, 5 REQUEST_SUPPLEMENT,
    // 6 RECEIVE_SUPPLEMENT, 7 STOP.
    const expected = [
      ['01', 1],
      ['02', 3],
      ['02', 5],
      ['05', 7],
    ];
    await waitFor(
      async () => ((await issued(code)).length === 4 && (await issued(refused)).length === 2) || undefined,
      {
        timeoutMs: 30_000,
      },
    );
    const forms = await issued(code);
    expect(forms.map((f) => [f.form_code, f.action_seq])).toEqual(expected);
    expect((await issued(refused)).map((f) => [f.form_code, f.action_seq])).toEqual([
      ['01', 1],
      ['03', 2],
    ]);
    for (const form of forms) {
      expect(form.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(form.pdf.includes('/SubFilter /ETSI.CAdES.detached')).toBe(true);
      // The print is the first revision, the agency's signature the incremental update after it.
      expect(form.pdf.toString('latin1').match(/%%EOF/g)?.length).toBe(2);
      expect(createHash('sha256').update(form.pdf).digest('hex')).toBe(form.sha256);
      expect(form.issued_at).toEqual(await sheetAt(code, form.action_seq));
    }
    expect((await announced(code)).map((e) => [e.form, e.seq])).toEqual(expected);
    expect((await announced(code)).map((e) => e.sha)).toEqual(forms.map((f) => f.sha256));
    // The signature's reason is the form's title (a PDF text string: UTF-16BE with its byte-order mark).
    for (const form of [...forms, ...(await issued(refused))]) {
      expect(form.title.startsWith(`Mẫu ${form.form_code}: `)).toBe(true);
      const reason = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(form.title, 'utf16le').swap16()]);
      expect(form.pdf.toString('latin1')).toContain(`/Reason <${reason.toString('hex')}>`);
    }
  });

  it('a redelivered dossier event issues nothing new', async () => {
    const code = await create();
    await waitFor(async () => (await issued(code)).length === 1 || undefined, { timeoutMs: 30_000 });
    const [received] = (
      await owner.query<{ payload: CloudEvent }>(
        `SELECT payload FROM outbox WHERE message_key = $1 AND payload->>'type' = $2`,
        [code, EventTypes.DossierReceivedV1],
      )
    ).rows;
    // The same event again (the inbox drops it) and a copy under a new id (the sheet has nothing left to issue).
    const copy = { ...received.payload, id: randomUUID() };
    for (const event of [received.payload, copy])
      await producer.send({
        topic: `${isolation.topicPrefix}${Topics.Dossier}`,
        messages: [{ key: code, value: JSON.stringify(event) }],
      });
    await waitFor(
      async () =>
        (
          await owner.query('SELECT 1 FROM inbox WHERE consumer LIKE $1 AND event_id = $2', [
            '%form-issuance%',
            copy.id,
          ])
        ).rowCount === 1 || undefined,
      { timeoutMs: 30_000 },
    );
    expect((await issued(code)).length).toBe(1);
    expect((await announced(code)).length).toBe(1);
  });

  it('an agency without signing credentials gets its pending forms once they are mounted, then at each action', async () => {
    const lateClerk = await tokenFor(isolation.infra, 'clerk', LATE_AGENCY, 'clerk-late');
    const code = await create(LATE_AGENCY, lateClerk);
    const [received] = (
      await owner.query<{ payload: CloudEvent }>(
        `SELECT payload FROM outbox WHERE message_key = $1 AND payload->>'type' = $2`,
        [code, EventTypes.DossierReceivedV1],
      )
    ).rows;
    // Handled (not retried forever, which would hold the partition's other dossiers), nothing issued.
    await waitFor(
      async () =>
        (
          await owner.query('SELECT 1 FROM inbox WHERE consumer LIKE $1 AND event_id = $2', [
            '%form-issuance%',
            received.payload.id,
          ])
        ).rowCount === 1 || undefined,
      { timeoutMs: 30_000 },
    );
    expect(await issued(code)).toEqual([]);
    const pending = () =>
      owner.query<{ attempts: number }>(
        'SELECT attempts FROM form_issuance_pending WHERE dossier_code = $1',
        [code],
      );
    // Retried with backoff while the credentials are missing.
    await waitFor(async () => ((await pending()).rows[0]?.attempts >= 2 ? true : undefined), {
      what: 'two retries of the pending form',
      timeoutMs: 30_000,
    });
    expect(await issued(code)).toEqual([]);
    // Mounted: the retry issues the receipt without waiting for another action, and forgets the dossier.
    await mountSecret(LATE_AGENCY);
    await waitFor(async () => ((await issued(code)).length === 1 ? true : undefined), {
      what: 'the pending receipt issued',
      timeoutMs: 30_000,
    });
    expect((await pending()).rowCount).toBe(0);
    await act(code, lateClerk, { action: 'REJECT', reason: 'Không thuộc thẩm quyền' });
    await waitFor(async () => (await issued(code)).length === 2 || undefined, { timeoutMs: 30_000 });
    expect((await issued(code)).map((f) => [f.form_code, f.action_seq])).toEqual([
      ['01', 1],
      ['03', 2],
    ]);
    expect((await announced(code)).length).toBe(2);
  });
});
