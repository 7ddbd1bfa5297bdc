import fc from 'fast-check';
import type { Sex } from '@motcua/contracts';
import {
  BIRTH_REGISTRATION_PROVINCE_CODES,
  BIRTH_REGISTRATION_PROVINCES,
} from '../src/birth-registration-provinces';
import { centurySexDigit, decodeIdNumber, provinceOf, validateIdNumber } from '../src/personal-id';

const AS_OF = new Date('2026-11-27T00:00:00Z');
const RUNS = { numRuns: 500 };

const codesOf = (idNumber: string, declared: Parameters<typeof validateIdNumber>[1] = {}) =>
  validateIdNumber(idNumber, { asOf: AS_OF, ...declared }).problems.map((p) => p.code);

describe('birth registration province codes (Circular 07/2016/TT-BCA, Appendix I)', () => {
  it('has the 63 provinces, 001 Hà Nội to 096 Cà Mau, as three-digit codes', () => {
    expect(BIRTH_REGISTRATION_PROVINCE_CODES).toHaveLength(63);
    expect(new Set(Object.values(BIRTH_REGISTRATION_PROVINCES)).size).toBe(63);
    expect(BIRTH_REGISTRATION_PROVINCE_CODES.every((code) => /^0\d{2}$/.test(code))).toBe(true);
    expect(BIRTH_REGISTRATION_PROVINCE_CODES[0]).toBe('001');
    expect(BIRTH_REGISTRATION_PROVINCE_CODES.at(-1)).toBe('096');
    expect(BIRTH_REGISTRATION_PROVINCES['079']).toBe('Thành phố Hồ Chí Minh');
    expect(BIRTH_REGISTRATION_PROVINCES['046']).toBe('Thừa Thiên Huế');
  });

  it('leaves out the codes the circular skips', () => {
    for (const gap of ['000', '003', '005', '007', '009', '013', '016', '018', '021', '097', '099']) {
      expect(BIRTH_REGISTRATION_PROVINCES[gap]).toBeUndefined();
    }
  });
});

describe('validateIdNumber: explicit cases', () => {
  const cases: Array<{
    what: string;
    id: string;
    dateOfBirth?: string;
    sex?: Sex;
    expected: string[];
  }> = [
    { what: 'Hà Nội, male, 2003', id: '001203004567', dateOfBirth: '2003-05-14', sex: 'MALE', expected: [] },
    {
      what: 'Cà Mau, female, 1999',
      id: '096199123456',
      dateOfBirth: '1999-12-31',
      sex: 'FEMALE',
      expected: [],
    },
    { what: 'Huế, female, 2000', id: '046300000001', dateOfBirth: '2000-01-01', sex: 'FEMALE', expected: [] },
    { what: 'male born 1900', id: '031000999999', dateOfBirth: '1900-02-28', sex: 'MALE', expected: [] },
    { what: 'structure only, no declaration', id: '079090123456', expected: [] },
    { what: '11 digits', id: '00120300456', expected: ['FORMAT'] },
    { what: '13 digits', id: '0012030045678', expected: ['FORMAT'] },
    { what: 'a letter', id: '00120300456A', expected: ['FORMAT'] },
    { what: 'spaces', id: '001 203 004 567', expected: ['FORMAT'] },
    { what: 'empty', id: '', expected: ['FORMAT'] },
    { what: 'unknown province 000', id: '000203004567', expected: ['PROVINCE'] },
    { what: 'unknown province 003', id: '003203004567', expected: ['PROVINCE'] },
    { what: 'unknown province 097', id: '097203004567', expected: ['PROVINCE'] },
    {
      what: 'year digits off by one',
      id: '001203004567',
      dateOfBirth: '2004-05-14',
      sex: 'MALE',
      expected: ['BIRTH_YEAR'],
    },
    {
      what: 'right year digits, wrong century',
      id: '001203004567',
      dateOfBirth: '1903-05-14',
      sex: 'MALE',
      expected: ['CENTURY_SEX'],
    },
    {
      what: 'wrong century and year',
      id: '001203004567',
      dateOfBirth: '1998-05-14',
      expected: ['CENTURY_SEX', 'BIRTH_YEAR'],
    },
    {
      what: 'female digit, declared male',
      id: '001303004567',
      dateOfBirth: '2003-05-14',
      sex: 'MALE',
      expected: ['SEX_MISMATCH'],
    },
    {
      what: 'everything wrong but the format',
      id: '099103004567',
      dateOfBirth: '2004-05-14',
      sex: 'MALE',
      expected: ['PROVINCE', 'CENTURY_SEX', 'BIRTH_YEAR', 'SEX_MISMATCH'],
    },
    { what: 'a 2100s birth, no date given', id: '001403004567', expected: ['CENTURY_SEX'] },
    { what: 'a 2099 birth, no date given', id: '001299004567', expected: ['BIRTH_YEAR'] },
    {
      what: 'an unreal date of birth is left to the date validator',
      id: '001203004567',
      dateOfBirth: '2003-02-30',
      expected: [],
    },
  ];

  it.each(cases)('$what → [$expected]', ({ id, dateOfBirth, sex, expected }) => {
    const result = validateIdNumber(id, { dateOfBirth, sex, asOf: AS_OF });
    expect(result.problems.map((p) => p.code)).toEqual(expected);
    expect(result.valid).toBe(expected.length === 0);
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 1203004567, ['001203004567'], {}]) {
      expect(validateIdNumber(value).problems.map((p) => p.code)).toEqual(['FORMAT']);
    }
  });

  it('explains each problem in plain English, quoting only the digits at fault', () => {
    const { problems } = validateIdNumber('099103004567', {
      dateOfBirth: '2004-05-14',
      sex: 'MALE',
      asOf: AS_OF,
    });
    expect(problems.map((p) => p.message)).toEqual([
      'digits 1-3 (099) are not a province code of Circular 07/2016/TT-BCA (001 Hà Nội … 096 Cà Mau)',
      'digit 4 (1) stands for a birth in 1900-1999, but the date of birth is in 2004',
      'digits 5-6 (03) do not match the birth year 2004',
      'digit 4 (1) stands for a female citizen, but sex is MALE',
    ]);
    for (const { message } of problems) expect(message).not.toContain('099103004567');
    expect(validateIdNumber('12').problems[0].message).toBe('must be exactly 12 digits');
  });
});

describe('decodeIdNumber and provinceOf', () => {
  it('decodes province, sex, century and birth year', () => {
    expect(decodeIdNumber('079305123456')).toEqual({
      provinceCode: '079',
      provinceName: 'Thành phố Hồ Chí Minh',
      sex: 'FEMALE',
      centuryStart: 2000,
      birthYear: 2005,
    });
    expect(decodeIdNumber('001087000000')).toMatchObject({
      sex: 'MALE',
      centuryStart: 1900,
      birthYear: 1987,
    });
    expect(decodeIdNumber('001912000000')).toMatchObject({
      sex: 'FEMALE',
      centuryStart: 2300,
      birthYear: 2312,
    });
    expect(decodeIdNumber('098203004567')).toMatchObject({ provinceCode: '098', provinceName: null });
    expect(decodeIdNumber('0012030045')).toBeNull();
  });

  it('names the province of birth registration', () => {
    expect(provinceOf('001203004567')).toEqual({ code: '001', name: 'Hà Nội' });
    expect(provinceOf('096199123456')).toEqual({ code: '096', name: 'Cà Mau' });
    expect(provinceOf('098203004567')).toBeNull();
    expect(provinceOf('not a number')).toBeNull();
  });

  it('maps birth year and sex to digit 4 as the circular does', () => {
    expect(centurySexDigit(1999, 'MALE')).toBe(0);
    expect(centurySexDigit(1999, 'FEMALE')).toBe(1);
    expect(centurySexDigit(2000, 'MALE')).toBe(2);
    expect(centurySexDigit(2000, 'FEMALE')).toBe(3);
    expect(centurySexDigit(2150, 'FEMALE')).toBe(5);
    expect(centurySexDigit(2250, 'MALE')).toBe(6);
    expect(centurySexDigit(2399, 'FEMALE')).toBe(9);
    expect(centurySexDigit(1899, 'MALE')).toBeUndefined();
    expect(centurySexDigit(2400, 'MALE')).toBeUndefined();
  });
});

describe('validateIdNumber: properties', () => {
  const DAY_MS = 86_400_000;
  const firstDay = Date.UTC(1900, 0, 1) / DAY_MS;
  const lastDay = AS_OF.getTime() / DAY_MS;
  const dateOfBirth = fc
    .integer({ min: firstDay, max: lastDay })
    .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
  const sex = fc.constantFrom<Sex>('MALE', 'FEMALE');
  const person = fc.record({
    province: fc.constantFrom(...BIRTH_REGISTRATION_PROVINCE_CODES),
    dateOfBirth,
    sex,
    serial: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  });
  const idOf = (p: { province: string; dateOfBirth: string; sex: Sex; serial: string }) => {
    const year = Number(p.dateOfBirth.slice(0, 4));
    return `${p.province}${centurySexDigit(year, p.sex)}${p.dateOfBirth.slice(2, 4)}${p.serial}`;
  };

  it('accepts every number built by the rules for a real person', () => {
    fc.assert(
      fc.property(person, (p) => {
        const id = idOf(p);
        expect(codesOf(id, { dateOfBirth: p.dateOfBirth, sex: p.sex })).toEqual([]);
        expect(codesOf(id)).toEqual([]);
        expect(decodeIdNumber(id)).toMatchObject({
          provinceCode: p.province,
          sex: p.sex,
          birthYear: Number(p.dateOfBirth.slice(0, 4)),
        });
      }),
      RUNS,
    );
  });

  it('rejects the number once its year digits change', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 1, max: 99 }), (p, shift) => {
        const id = idOf(p);
        const yy = String((Number(id.slice(4, 6)) + shift) % 100).padStart(2, '0');
        const changed = `${id.slice(0, 4)}${yy}${id.slice(6)}`;
        expect(codesOf(changed, { dateOfBirth: p.dateOfBirth, sex: p.sex })).toEqual(['BIRTH_YEAR']);
      }),
      RUNS,
    );
  });

  it('rejects the number once its century/sex digit changes', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 1, max: 9 }), (p, shift) => {
        const id = idOf(p);
        const original = Number(id[3]);
        const digit = (original + shift) % 10;
        const changed = `${id.slice(0, 3)}${digit}${id.slice(4)}`;
        const expected = [
          ...(Math.floor(digit / 2) !== Math.floor(original / 2) ? ['CENTURY_SEX'] : []),
          ...(digit % 2 !== original % 2 ? ['SEX_MISMATCH'] : []),
        ];
        expect(codesOf(changed, { dateOfBirth: p.dateOfBirth, sex: p.sex })).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('rejects any province code outside the list', () => {
    const listed = new Set(BIRTH_REGISTRATION_PROVINCE_CODES);
    const unlisted = fc
      .integer({ min: 0, max: 999 })
      .map((n) => String(n).padStart(3, '0'))
      .filter((code) => !listed.has(code));
    fc.assert(
      fc.property(person, unlisted, (p, province) => {
        const changed = `${province}${idOf(p).slice(3)}`;
        expect(codesOf(changed, { dateOfBirth: p.dateOfBirth, sex: p.sex })).toEqual(['PROVINCE']);
      }),
      RUNS,
    );
  });
});
