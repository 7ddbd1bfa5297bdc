import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { acceptCreateDossier, CreateDossierDto } from '../../src/dossiers/dto/create-dossier.dto';

/**
 * What class-validator makes of a body with the global pipe's options: the instance, or undefined when refused (or
 * when it throws, as validator's isEmail does on a lone surrogate).
 */
function classValidatorOutcome(body: unknown): CreateDossierDto | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const instance = plainToInstance(CreateDossierDto, body, { enableImplicitConversion: false });
  try {
    return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0
      ? instance
      : undefined;
  } catch {
    return undefined;
  }
}

const applicant = {
  idNumber: '001203004567',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '2003-05-14',
  sex: 'MALE',
  phone: '0912345678',
};
const valid = {
  procedureCode: '1.001193',
  agencyCode: '000.00.12.H49',
  channel: 'DIRECT',
  applicant,
};
const validBodies: unknown[] = [
  valid,
  { ...valid, channel: 'ONLINE', components: [{ code: 'TK01', provided: true }] },
  { ...valid, components: [] },
  { ...valid, components: null },
  {
    ...valid,
    applicant: {
      ...applicant,
      email: 'an.nguyen@example.vn',
      address: 'Số 1 Lê Lợi, Huế',
      phone: '+84912345678',
    },
  },
  { ...valid, applicant: { idNumber: '001203004567', fullName: 'An', dateOfBirth: '2003-05-14' } },
  { ...valid, applicant: { ...applicant, sex: null, phone: null, email: null, address: null } },
  { ...valid, applicant: { ...applicant, fullName: 'x'.repeat(200) } },
  { ...valid, applicant: { ...applicant, fullName: '😀'.repeat(200) } },
  { ...valid, procedureCode: 'p'.repeat(60) },
  { ...valid, components: Array.from({ length: 100 }, (_, i) => ({ code: `C${i}`, provided: i % 2 === 0 })) },
];

/** Each field of the valid body replaced by values that class-validator refuses or treats specially. */
const odd: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  0,
  1,
  true,
  false,
  [],
  {},
  ['x'],
  'x'.repeat(61),
  'x'.repeat(201),
  'x'.repeat(501),
  '😀'.repeat(201),
  '\uFE0F',
  'a\uFE0F',
  '\uD83D',
  'MALE',
  'male',
  'OTHER',
  'DIRECT',
  'ONLINE',
  'direct',
  '000.00.12.H49',
  '000.00.12.h49',
  '000.00.12.H49 ',
  '2003-05-14',
  '2003-02-30',
  '2003-5-14',
  '2003-05-14T00:00:00Z',
  '20030514',
  '001203004567',
  '001303004567',
  '001203004568',
  '999203004567',
  '00120300456',
  '0912345678',
  '+84912345678',
  '84912345678',
  '091234567',
  'an@example.vn',
  'an@',
  `${'a'.repeat(190)}@example.vn`,
  [{ code: 'TK01', provided: true }],
  [{ code: 'TK01' }],
  [{ code: 'TK01', provided: 'true' }],
  [{ code: '', provided: true }],
  [{ code: 'TK01', provided: true, extra: 1 }],
  [[]],
  [null],
  Array.from({ length: 101 }, () => ({ code: 'TK01', provided: true })),
];

function variants(): unknown[] {
  const out: unknown[] = [...validBodies];
  for (const key of ['procedureCode', 'agencyCode', 'channel', 'applicant', 'components', 'extra']) {
    for (const value of odd) out.push({ ...valid, [key]: value });
    const { [key as keyof typeof valid]: _omitted, ...without } = valid;
    out.push(without);
  }
  for (const key of ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'phone', 'email', 'address', 'extra']) {
    for (const value of odd) out.push({ ...valid, applicant: { ...applicant, [key]: value } });
    const { [key as keyof typeof applicant]: _omitted, ...without } = applicant;
    out.push({ ...valid, applicant: without });
  }
  // Own "__proto__" and "constructor" keys as JSON.parse makes them.
  out.push(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(valid).slice(1)}`));
  out.push(JSON.parse(`{"constructor":{"x":1},${JSON.stringify(valid).slice(1)}`));
  out.push({ ...valid, applicant: JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(applicant).slice(1)}`) });
  out.push(null, [], 'body', 1, [valid]);
  return out;
}

describe('POST /dossiers body: the hand-written check beside class-validator', () => {
  it('never accepts what class-validator refuses, and hands on the same instances, for every variant', () => {
    const bodies = variants();
    expect(bodies.length).toBeGreaterThan(500);
    for (const body of bodies) {
      const expected = classValidatorOutcome(body);
      const fast = acceptCreateDossier(body);
      // Never accepts what class-validator refuses, and hands on what class-transformer would.
      if (fast !== undefined) {
        expect({ body, accepted: expected !== undefined }).toEqual({ body, accepted: true });
        expect(fast).toStrictEqual(expected);
      }
      // Besides the valid bodies below, it accepts every variant class-validator does but those with an own
      // "__proto__" or "constructor" key, which it leaves to the pipe (class-transformer drops those keys).
      const prototypeKey = (value: unknown) =>
        ['__proto__', 'constructor'].some((k) => Object.keys(value as object).includes(k));
      if (
        expected !== undefined &&
        !prototypeKey(body) &&
        !prototypeKey((body as CreateDossierDto).applicant)
      )
        expect({ body, fast: fast !== undefined }).toEqual({ body, fast: true });
    }
  });

  it('takes the valid bodies itself (the fast path is the one a normal submission takes)', () => {
    for (const body of validBodies)
      expect({ body, accepted: acceptCreateDossier(body) !== undefined }).toEqual({ body, accepted: true });
  });

  it('makes class instances (applicant, components), as the pipe did', () => {
    const dto = acceptCreateDossier(validBodies[1])!;
    expect(dto).toBeInstanceOf(CreateDossierDto);
    expect(dto.applicant.constructor.name).toBe('ApplicantDto');
    expect(dto.components![0].constructor.name).toBe('ComponentDto');
  });
});
