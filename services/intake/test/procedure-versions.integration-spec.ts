import { Client } from 'pg';
import { vietnamDateOf } from '@motcua/calendar';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';
import { ProcedureService } from '../src/procedures/procedure.service';

interface Version {
  effectiveFrom: string;
  effectiveTo: string | null;
  processingLimit: { value: number; unit: string };
  feeVnd: number;
  agencyLevel: string | null;
}

interface ProcedureDetail extends Version {
  code: string;
  agencyLevel: string;
  components: Array<{ code: string }>;
  versions: Version[];
}

const CODE = '1.001193';
const DAY_MS = 86_400_000;
const dateIn = (days: number) => vietnamDateOf(new Date(Date.now() + days * DAY_MS));

describe('intake: procedure versions added by national administrators (POST /procedures/{code}/versions)', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let nationalAdmin: string;
  let provinceAdmin: string;
  let clerk: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('procver');
    intake = await startServiceForTest(intakeService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    nationalAdmin = await tokenFor(isolation.infra, 'admin', '*', 'admin-national');
    provinceAdmin = await tokenFor(isolation.infra, 'admin', '000.00.00.H49', 'admin-h49');
    clerk = await tokenFor(isolation.infra, 'clerk', '000.00.12.H49', 'clerk-1');
  });

  afterAll(async () => {
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  const version = (overrides: Record<string, unknown> = {}) => ({
    effectiveFrom: dateIn(30),
    processingLimit: { value: 3, unit: 'WORKING_DAYS' },
    feeVnd: 5000,
    feeNote: 'Miễn lệ phí khi nộp trực tuyến',
    components: [
      { code: 'TK01', name: 'Tờ khai đăng ký khai sinh', required: true, signatureRequired: true, copies: 1 },
      { code: 'GCS', name: 'Giấy chứng sinh', required: true, signatureRequired: false, copies: 1 },
    ],
    legalBasis: 'Nghị định 999/2026/NĐ-CP (thử nghiệm)',
    ...overrides,
  });

  const post = (token: string, body: unknown, code = CODE, language = 'en') =>
    fetch(`${intake.url}/procedures/${code}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'accept-language': language,
      },
      body: JSON.stringify(body),
    });

  const rows = async () =>
    (
      await db.query<{ effective_from: string; effective_to: string | null; created_by: string | null }>(
        `SELECT to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
                to_char(effective_to, 'YYYY-MM-DD') AS effective_to, created_by
           FROM procedure_version WHERE procedure_code = $1 ORDER BY effective_from`,
        [CODE],
      )
    ).rows;

  it('refuses what must not change the catalogue, and changes nothing', async () => {
    const before = await rows();
    expect((await post(clerk, version())).status).toBe(403);
    expect((await post(provinceAdmin, version())).status).toBe(403);
    const anonymous = await fetch(`${intake.url}/procedures/${CODE}/versions`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect((await post(nationalAdmin, version(), '9.999999')).status).toBe(404);
    const past = await post(nationalAdmin, version({ effectiveFrom: dateIn(0) }));
    expect(past.status).toBe(422);
    expect(((await past.json()) as { type: string }).type).toBe('urn:motcua:problem:version-not-in-future');
    const invalid = await post(
      nationalAdmin,
      version({
        effectiveFrom: '2027-02-30',
        processingLimit: { value: 0, unit: 'DAYS' },
        feeVnd: -1,
        components: [{ code: '../x', name: '', required: 'yes', signatureRequired: false, copies: 0 }],
        extra: true,
      }),
      CODE,
      'vi',
    );
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { errors: Array<{ pointer: string; message: string }> };
    expect(problem.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining([
        '#/effectiveFrom',
        '#/processingLimit/value',
        '#/processingLimit/unit',
        '#/feeVnd',
        '#/components/0/code',
        '#/components/0/name',
        '#/components/0/required',
        '#/components/0/copies',
        '#/extra',
      ]),
    );
    expect(problem.errors.find((e) => e.pointer === '#/feeVnd')?.message).toBe(
      'feeVnd phải lớn hơn hoặc bằng 0',
    );
    const twice = await post(
      nationalAdmin,
      version({ components: [...version().components, version().components[0]] }),
    );
    expect(twice.status).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it('adds a version from a future date, closes the one it supersedes, and judges by the date of receipt', async () => {
    const before = await rows();
    const current = before.at(-1)!;
    const from = dateIn(30);
    const added = await post(nationalAdmin, version({ agencyLevel: 'PROVINCE' }));
    expect(added.status).toBe(201);
    const detail = (await added.json()) as ProcedureDetail;
    expect(detail).toMatchObject({
      code: CODE,
      effectiveFrom: from,
      effectiveTo: null,
      processingLimit: { value: 3, unit: 'WORKING_DAYS' },
      feeVnd: 5000,
      agencyLevel: 'PROVINCE',
    });
    expect(detail.components.map((c) => c.code)).toEqual(['TK01', 'GCS']);
    const dayBefore = dateIn(29);
    expect(await rows()).toEqual([
      ...before.slice(0, -1),
      { ...current, effective_to: dayBefore },
      { effective_from: from, effective_to: null, created_by: 'admin-national' },
    ]);
    // Today's rules are still the old ones; the version in force on a date decides for a dossier received then.
    const today = (await (
      await fetch(`${intake.url}/procedures/${CODE}`, { headers: { authorization: `Bearer ${clerk}` } })
    ).json()) as ProcedureDetail;
    expect(today.effectiveFrom).toBe(current.effective_from);
    expect(today.effectiveTo).toBe(dayBefore);
    expect(today.versions.map((v) => v.effectiveFrom)).toEqual([
      ...before.map((r) => r.effective_from),
      from,
    ]);
    const procedures = intake.app.get(ProcedureService);
    const receivedLater = await procedures.rulesAt(CODE, new Date(Date.parse(`${from}T02:00:00Z`)));
    expect(receivedLater).toMatchObject({ limit: { value: 3, unit: 'WORKING_DAYS' }, feeVnd: 5000 });
    expect(receivedLater?.agencyLevel).toBe('PROVINCE');
    const receivedNow = await procedures.rulesAt(CODE, new Date());
    expect(receivedNow?.effectiveFrom).toBe(current.effective_from);
  });

  it('answers a retried request with the same version, and refuses another version from that date or before the latest', async () => {
    const before = await rows();
    const retried = await post(nationalAdmin, version({ agencyLevel: 'PROVINCE' }));
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as ProcedureDetail).effectiveFrom).toBe(dateIn(30));
    const different = await post(nationalAdmin, version({ feeVnd: 7000 }));
    expect(different.status).toBe(409);
    expect(((await different.json()) as { type: string }).type).toBe('urn:motcua:problem:version-exists');
    const earlier = await post(nationalAdmin, version({ effectiveFrom: dateIn(10) }));
    expect(earlier.status).toBe(409);
    expect(((await earlier.json()) as { type: string }).type).toBe('urn:motcua:problem:version-not-latest');
    expect(await rows()).toEqual(before);
  });

  it('serialises concurrent additions: one version per date, whatever the race', async () => {
    const from = dateIn(60);
    const answers = await Promise.all(
      [4, 5, 6].map((value) =>
        post(
          nationalAdmin,
          version({ effectiveFrom: from, processingLimit: { value, unit: 'WORKING_DAYS' } }),
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const after = await rows();
    expect(after.filter((r) => r.effective_from === from)).toHaveLength(1);
    expect(after.filter((r) => r.effective_to === null)).toHaveLength(1);
  });
});
