import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestIsolation,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { AgencyService } from '../src/agencies/agency.service';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';
import { ProcedureService } from '../src/procedures/procedure.service';

interface Agency {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  officeHours: string[][];
  address: string | null;
  children?: Agency[];
}

interface Procedure {
  code: string;
  name: string;
  field: string;
  agencyLevel: string;
  processingLimit: { value: number; unit: string };
  feeVnd: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  components: Array<{ code: string; name: string; required: boolean; signatureRequired: boolean }>;
  versions?: Array<{ effectiveFrom: string; effectiveTo: string | null }>;
}

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

describe('intake: agencies tree and procedures catalogue on real Postgres', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let provinceAdmin: string;
  let nationalAdmin: string;
  let departmentAdmin: string;
  let departmentClerk: string;
  let auditor: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('catalogue');
    intake = await startServiceForTest(intakeService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    provinceAdmin = await tokenFor(isolation.infra, 'admin', '000.00.00.H49', 'admin-h49');
    nationalAdmin = await tokenFor(isolation.infra, 'admin', '*', 'admin-national');
    departmentAdmin = await tokenFor(isolation.infra, 'admin', '000.00.12.H49', 'admin-stp');
    departmentClerk = await tokenFor(isolation.infra, 'clerk', '000.00.12.H49', 'clerk-stp');
    auditor = await tokenFor(isolation.infra, 'auditor', '*', 'auditor-1');
  });

  afterAll(async () => {
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  const get = (path: string, token: string) =>
    fetch(`${intake.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  const postAgency = (token: string, payload: unknown) =>
    fetch(`${intake.url}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  const agencyRows = async () =>
    (await db.query('SELECT code, name, parent_code, level, office_hours FROM agency ORDER BY code')).rows;

  describe('agencies', () => {
    it('lists the seeded province for a national caller, level by level', async () => {
      const response = await get('/agencies', auditor);
      expect(response.status).toBe(200);
      const agencies = (await response.json()) as Agency[];
      expect(agencies[0]).toMatchObject({ code: '000.00.00.H49', parentCode: null, level: 1 });
      const byCode = new Map(agencies.map((a) => [a.code, a]));
      expect(byCode.get('000.00.12.H49')).toMatchObject({
        name: 'Sở Tư pháp',
        parentCode: '000.00.00.H49',
        level: 2,
        officeHours: [
          ['07:30', '11:30'],
          ['13:00', '17:00'],
        ],
      });
      expect(byCode.get('000.01.12.H49')).toMatchObject({ parentCode: '000.00.12.H49', level: 3 });
      for (const code of ['000.00.13.H49', '000.00.14.H49']) expect(byCode.has(code)).toBe(true);
      expect(agencies.length).toBeGreaterThanOrEqual(10);
      const levels = agencies.map((a) => a.level);
      expect(levels).toEqual([...levels].sort((a, b) => a - b));
    });

    it("confines a department's caller to its subtree, flat or as a tree", async () => {
      const flat = (await (await get('/agencies', departmentClerk)).json()) as Agency[];
      expect(flat.map((a) => a.code)).toEqual(['000.00.12.H49', '000.01.12.H49', '000.02.12.H49']);
      const tree = (await (await get('/agencies?view=tree', departmentClerk)).json()) as Agency[];
      expect(tree).toHaveLength(1);
      expect(tree[0].code).toBe('000.00.12.H49');
      expect(tree[0].children!.map((c) => c.code)).toEqual(['000.01.12.H49', '000.02.12.H49']);

      const province = (await (await get('/agencies?view=tree', auditor)).json()) as Agency[];
      expect(province.map((a) => a.code)).toEqual(['000.00.00.H49']);
      expect(province[0].children!.find((c) => c.code === '000.00.12.H49')?.children).toHaveLength(2);
    });

    it('filters with ?under= inside the scope, and refuses it outside', async () => {
      const under = (await (await get('/agencies?under=000.00.05.H49', auditor)).json()) as Agency[];
      expect(under.map((a) => a.code)).toEqual(['000.00.05.H49', '000.01.05.H49', '001.01.05.H49']);
      expect((await get('/agencies?under=000.00.13.H49', departmentClerk)).status).toBe(403);
      expect((await get('/agencies?under=000.00.99.H49', auditor)).status).toBe(404);
      const malformed = await get('/agencies?under=H49', auditor);
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as Problem).errors?.map((e) => e.field)).toEqual(['under']);
    });

    it('shows one agency in scope, and hides one outside it', async () => {
      const own = await get('/agencies/000.01.12.H49', departmentClerk);
      expect(own.status).toBe(200);
      expect(((await own.json()) as Agency).name).toBe('Trung tâm Trợ giúp pháp lý nhà nước');
      expect((await get('/agencies/000.00.13.H49', departmentClerk)).status).toBe(404);
      expect((await get('/agencies/000.00.99.H49', auditor)).status).toBe(404);
      expect((await get('/agencies/not-a-code', auditor)).status).toBe(400);
      expect((await fetch(`${intake.url}/agencies`)).status).toBe(401);
    });

    it('lets an admin register an agency inside the scope', async () => {
      const response = await postAgency(departmentAdmin, {
        code: '000.03.12.H49',
        name: '  Phòng Công chứng số 3 ',
        parentCode: '000.00.12.H49',
        officeHours: [
          ['07:00', '11:00'],
          ['13:30', '17:30'],
        ],
        address: 'Trung tâm Phục vụ hành chính công tỉnh',
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe('/agencies/000.03.12.H49');
      expect(await response.json()).toMatchObject({
        code: '000.03.12.H49',
        name: 'Phòng Công chứng số 3',
        parentCode: '000.00.12.H49',
        level: 3,
        officeHours: [
          ['07:00', '11:00'],
          ['13:30', '17:30'],
        ],
      });
      const defaults = await postAgency(provinceAdmin, {
        code: '000.00.32.H49',
        name: 'Ủy ban nhân dân phường (mẫu) số 2',
        parentCode: '000.00.00.H49',
      });
      expect(defaults.status).toBe(201);
      expect(((await defaults.json()) as Agency).officeHours).toEqual([
        ['07:30', '11:30'],
        ['13:00', '17:00'],
      ]);
      // A new province: only the national admin may add a level-1 agency.
      const root = await postAgency(nationalAdmin, { code: '000.00.00.H38', name: 'UBND tỉnh (mẫu) H38' });
      expect(root.status).toBe(201);
      expect(((await root.json()) as Agency).level).toBe(1);

      const agencies = intake.app.get(AgencyService);
      expect(await agencies.exists('000.03.12.H49')).toBe(true);
      expect(await agencies.officeHoursOf('000.03.12.H49')).toEqual([
        ['07:00', '11:00'],
        ['13:30', '17:30'],
      ]);
    });

    it('refuses bad requests with problem details, and changes nothing', async () => {
      const before = await agencyRows();
      const expectProblem = async (response: Response, status: number, type: string, field?: string) => {
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        const problem = (await response.json()) as Problem;
        expect(problem.type).toBe(`urn:motcua:problem:${type}`);
        if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
        return problem;
      };

      // 400: malformed code, bad office hours, unknown fields.
      await expectProblem(
        await postAgency(provinceAdmin, { code: '00.00.12.H49', name: 'x', parentCode: '000.00.00.H49' }),
        400,
        'validation',
        'code',
      );
      const hours = await expectProblem(
        await postAgency(provinceAdmin, {
          code: '000.00.40.H49',
          name: 'x',
          parentCode: '000.00.00.H49',
          officeHours: [
            ['13:00', '17:00'],
            ['07:30', '11:30'],
          ],
        }),
        400,
        'validation',
        'officeHours',
      );
      expect(hours.detail).toContain('officeHours');
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.00.40.H49', name: '', extra: true }),
        400,
        'validation',
        'extra',
      );

      // 403: not an admin; outside the admin's scope (a sibling department, another province).
      expect(
        (await postAgency(departmentClerk, { code: '000.04.12.H49', name: 'x', parentCode: '000.00.12.H49' }))
          .status,
      ).toBe(403);
      await expectProblem(
        await postAgency(departmentAdmin, { code: '000.00.40.H49', name: 'x', parentCode: '000.00.00.H49' }),
        403,
        'agency-out-of-scope',
      );
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.00.12.H38', name: 'x', parentCode: '000.00.00.H38' }),
        403,
        'agency-out-of-scope',
      );

      // 409: the code exists.
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.00.12.H49', name: 'x', parentCode: '000.00.00.H49' }),
        409,
        'agency-exists',
        'code',
      );

      // 422: unknown parent; parent whose subtree does not hold the code; a deeper level as parent;
      // a parent skipping an existing level; no parent for a level-2 agency.
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.01.41.H49', name: 'x', parentCode: '000.00.41.H49' }),
        422,
        'agency-parent-unknown',
        'parentCode',
      );
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.05.12.H49', name: 'x', parentCode: '000.00.13.H49' }),
        422,
        'agency-outside-parent',
        'parentCode',
      );
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.00.40.H49', name: 'x', parentCode: '000.01.12.H49' }),
        422,
        'agency-outside-parent',
        'parentCode',
      );
      const skipping = await expectProblem(
        await postAgency(provinceAdmin, { code: '000.05.12.H49', name: 'x', parentCode: '000.00.00.H49' }),
        422,
        'agency-parent-not-nearest',
        'parentCode',
      );
      expect(skipping.detail).toContain('000.00.12.H49');
      await expectProblem(
        await postAgency(provinceAdmin, { code: '000.00.40.H49', name: 'x' }),
        422,
        'agency-parent-required',
        'parentCode',
      );

      expect(await agencyRows()).toEqual(before);
    });
  });

  describe('procedures', () => {
    it('lists the catalogue with the rules in force today', async () => {
      const response = await get('/procedures', departmentClerk);
      expect(response.status).toBe(200);
      const procedures = (await response.json()) as Procedure[];
      expect(procedures.length).toBeGreaterThanOrEqual(10);
      const birth = procedures.find((p) => p.code === '1.001193');
      expect(birth).toMatchObject({
        name: 'Đăng ký khai sinh',
        field: 'Hộ tịch',
        agencyLevel: 'COMMUNE',
        processingLimit: { value: 1, unit: 'WORKING_DAYS' },
        feeVnd: 0,
      });
      expect(birth!.components).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'TK01', required: true, signatureRequired: false }),
          expect.objectContaining({ code: 'GCS01', required: true }),
        ]),
      );
      expect(procedures.some((p) => p.processingLimit.unit === 'WORKING_HOURS')).toBe(true);
      // Only the current version of a versioned procedure is listed.
      expect(procedures.filter((p) => p.code === '2.001610').map((p) => p.effectiveFrom)).toEqual([
        '2025-07-01',
      ]);
    });

    it('searches by field and name, ignoring case and diacritics', async () => {
      const civil = (await (await get('/procedures?field=ho%20tich', auditor)).json()) as Procedure[];
      expect(civil.length).toBeGreaterThanOrEqual(4);
      expect(civil.every((p) => p.field === 'Hộ tịch')).toBe(true);
      const found = (await (await get('/procedures?q=KHAI%20SINH', auditor)).json()) as Procedure[];
      expect(found.map((p) => p.code)).toEqual(['1.001193']);
      const accented = (await (
        await get(`/procedures?q=${encodeURIComponent('kết hôn')}`, auditor)
      ).json()) as Procedure[];
      expect(accented.map((p) => p.code)).toEqual(['1.000894']);
      expect(await (await get('/procedures?q=zzzz', auditor)).json()).toEqual([]);
      expect((await get('/procedures?page=1', auditor)).status).toBe(400);
    });

    it('returns the version in force on each side of an effective date', async () => {
      const before = await get('/procedures/2.001610?at=2025-06-30', auditor);
      expect(before.status).toBe(200);
      const old = (await before.json()) as Procedure;
      expect(old).toMatchObject({ effectiveFrom: '2021-01-04', effectiveTo: '2025-06-30' });
      expect(old.legalBasis).toContain('01/2021/NĐ-CP');

      const after = (await (await get('/procedures/2.001610?at=2025-07-01', auditor)).json()) as Procedure;
      expect(after).toMatchObject({ effectiveFrom: '2025-07-01', effectiveTo: null });
      expect(after.legalBasis).toContain('168/2025/NĐ-CP');
      expect(after.versions!.map((v) => v.effectiveFrom)).toEqual(['2021-01-04', '2025-07-01']);

      const current = (await (await get('/procedures/2.001610', auditor)).json()) as Procedure;
      expect(current.effectiveFrom).toBe('2025-07-01');

      const tooEarly = await get('/procedures/2.001610?at=2020-01-01', auditor);
      expect(tooEarly.status).toBe(404);
      expect(((await tooEarly.json()) as Problem).type).toBe('urn:motcua:problem:procedure-not-in-force');
    });

    it('answers an unknown code with 404 and a bad date with 400', async () => {
      const unknown = await get('/procedures/9.999999', auditor);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(((await unknown.json()) as Problem).type).toBe('urn:motcua:problem:procedure-not-found');
      const badDate = await get('/procedures/1.001193?at=2025-02-30', auditor);
      expect(badDate.status).toBe(400);
      expect(((await badDate.json()) as Problem).errors?.map((e) => e.field)).toContain('at');
    });

    it('gives dossier intake the rules in force at an instant, by Vietnam date', async () => {
      const procedures = intake.app.get(ProcedureService);
      // 2025-06-30T17:30Z is already 1 July in Vietnam (UTC+7).
      const rules = await procedures.rulesAt('2.001610', new Date('2025-06-30T17:30:00Z'));
      expect(rules).toMatchObject({
        code: '2.001610',
        effectiveFrom: '2025-07-01',
        limit: { value: 3, unit: 'WORKING_DAYS' },
        feeVnd: 50000,
      });
      expect((await procedures.rulesAt('2.001610', new Date('2025-06-30T16:59:59Z')))?.effectiveFrom).toBe(
        '2021-01-04',
      );
      expect(await procedures.rulesAt('2.000815', new Date())).toMatchObject({
        limit: { value: 8, unit: 'WORKING_HOURS' },
      });
      expect(await procedures.rulesAt('9.999999', new Date())).toBeUndefined();
      expect(await procedures.rulesAt('2.001610', new Date('2019-01-01T00:00:00Z'))).toBeUndefined();
    });

    it('reads inside a caller transaction, so concurrent intake cannot exhaust the pool', async () => {
      const dataSource = intake.app.get(DataSource);
      const procedures = intake.app.get(ProcedureService);
      const agencies = intake.app.get(AgencyService);
      // Twice the pool: through the pool, each transaction would wait for a second connection forever.
      const transactions = intake.config.DATABASE_POOL_SIZE * 2;
      const results = await Promise.all(
        Array.from({ length: transactions }, () =>
          dataSource.transaction(async (manager) => {
            const rules = await procedures.rulesAt('1.001193', new Date(), manager);
            const hours = await agencies.officeHoursOf('000.00.12.H49', manager);
            return [rules?.code, hours?.length];
          }),
        ),
      );
      expect(results).toEqual(Array(transactions).fill(['1.001193', 2]));
    });
  });
});
