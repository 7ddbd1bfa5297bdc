import type { Sex } from '@motcua/contracts';
import { BIRTH_REGISTRATION_PROVINCES } from './birth-registration-provinces';

/*
 * The 12-digit personal identification number (số định danh cá nhân), Circular 07/2016/TT-BCA
 * Art. 7 (DOMAIN.md §5):
 *   digits 1-3   province (or country) where the birth was registered
 *   digit  4     century of birth and sex: 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s
 *                (even male, odd female)
 *   digits 5-6   last two digits of the birth year
 *   digits 7-12  random
 * There is no check digit, so this catches typing errors and numbers that belong to someone else
 * (another birth year or sex) before any registry call, not forgeries.
 *
 * Nothing here logs, and no message repeats the number: at most the one to three digits at fault.
 */

export type IdNumberProblemCode = 'FORMAT' | 'PROVINCE' | 'CENTURY_SEX' | 'BIRTH_YEAR' | 'SEX_MISMATCH';

export interface IdNumberProblem {
  code: IdNumberProblemCode;
  /** English, phrased to follow the field name: "idNumber: <message>". */
  message: string;
}

export interface IdNumberValidation {
  valid: boolean;
  problems: IdNumberProblem[];
}

export interface DeclaredIdentity {
  /** YYYY-MM-DD; ignored unless it is a real calendar date (the DTO reports that itself). */
  dateOfBirth?: string | null;
  sex?: Sex | null;
  /** The present, for "born in the future" checks; defaults to now. */
  asOf?: Date;
}

export interface DecodedIdNumber {
  provinceCode: string;
  /** Null when digits 1-3 are not one of the 63 province codes. */
  provinceName: string | null;
  sex: Sex;
  /** First year of the century encoded by digit 4 (1900, 2000, …). */
  centuryStart: number;
  birthYear: number;
}

export interface Province {
  code: string;
  name: string;
}

const ID_NUMBER = /^\d{12}$/;

/**
 * The ID number the API documents show in their examples: well-formed (Hà Nội, a man born in 1985) and fictitious,
 * kept here, once, so that no service carries a literal that could be mistaken for a person's.
 */
export const EXAMPLE_ID_NUMBER = '001085012345';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Digit 4 for a birth year and sex, or undefined outside 1900-2399. */
export function centurySexDigit(birthYear: number, sex: Sex): number | undefined {
  const century = Math.floor(birthYear / 100) - 19;
  if (!Number.isInteger(century) || century < 0 || century > 4) return undefined;
  return century * 2 + (sex === 'FEMALE' ? 1 : 0);
}

function centuryStartOf(digit: number): number {
  return 1900 + Math.floor(digit / 2) * 100;
}

function sexOf(digit: number): Sex {
  return digit % 2 === 0 ? 'MALE' : 'FEMALE';
}

/** The year of a real YYYY-MM-DD calendar date, else undefined. */
function birthYearOf(dateOfBirth: string | null | undefined): number | undefined {
  const match = typeof dateOfBirth === 'string' ? ISO_DATE.exec(dateOfBirth) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? year : undefined;
}

/** What the first six digits say, or null when the value is not 12 digits. */
export function decodeIdNumber(idNumber: unknown): DecodedIdNumber | null {
  if (typeof idNumber !== 'string' || !ID_NUMBER.test(idNumber)) return null;
  const provinceCode = idNumber.slice(0, 3);
  const digit = Number(idNumber[3]);
  const centuryStart = centuryStartOf(digit);
  return {
    provinceCode,
    provinceName: BIRTH_REGISTRATION_PROVINCES[provinceCode] ?? null,
    sex: sexOf(digit),
    centuryStart,
    birthYear: centuryStart + Number(idNumber.slice(4, 6)),
  };
}

/** The province where the birth was registered, or null (not 12 digits, or an unknown code). */
export function provinceOf(idNumber: unknown): Province | null {
  const decoded = decodeIdNumber(idNumber);
  return decoded?.provinceName ? { code: decoded.provinceCode, name: decoded.provinceName } : null;
}

const sexWord = (sex: Sex) => (sex === 'MALE' ? 'male' : 'female');

/**
 * Checks the number's structure and, where given, that it agrees with the declared date of birth
 * and sex. Every problem found is listed (not just the first).
 */
export function validateIdNumber(idNumber: unknown, declared: DeclaredIdentity = {}): IdNumberValidation {
  const decoded = decodeIdNumber(idNumber);
  if (!decoded) {
    return { valid: false, problems: [{ code: 'FORMAT', message: 'must be exactly 12 digits' }] };
  }
  const id = idNumber as string;
  const digit4 = id[3];
  const yy = id.slice(4, 6);
  const centuryEnd = decoded.centuryStart + 99;
  const problems: IdNumberProblem[] = [];

  if (!decoded.provinceName) {
    problems.push({
      code: 'PROVINCE',
      message: `digits 1-3 (${decoded.provinceCode}) are not a province code of Circular 07/2016/TT-BCA (001 Hà Nội … 096 Cà Mau)`,
    });
  }

  const declaredYear = birthYearOf(declared.dateOfBirth);
  if (declaredYear !== undefined) {
    if (declaredYear < decoded.centuryStart || declaredYear > centuryEnd) {
      problems.push({
        code: 'CENTURY_SEX',
        message: `digit 4 (${digit4}) stands for a birth in ${decoded.centuryStart}-${centuryEnd}, but the date of birth is in ${declaredYear}`,
      });
    }
    if (Number(yy) !== declaredYear % 100) {
      problems.push({
        code: 'BIRTH_YEAR',
        message: `digits 5-6 (${yy}) do not match the birth year ${declaredYear}`,
      });
    }
  } else {
    // Without a date of birth the number can still claim a birth that has not happened yet.
    const thisYear = (declared.asOf ?? new Date()).getUTCFullYear();
    if (decoded.centuryStart > thisYear) {
      problems.push({
        code: 'CENTURY_SEX',
        message: `digit 4 (${digit4}) stands for a birth in ${decoded.centuryStart}-${centuryEnd}, which has not begun`,
      });
    } else if (decoded.birthYear > thisYear) {
      problems.push({
        code: 'BIRTH_YEAR',
        message: `digits 4-6 (${digit4}${yy}) give the birth year ${decoded.birthYear}, which is in the future`,
      });
    }
  }

  if (declared.sex && declared.sex !== decoded.sex) {
    problems.push({
      code: 'SEX_MISMATCH',
      message: `digit 4 (${digit4}) stands for a ${sexWord(decoded.sex)} citizen, but sex is ${declared.sex}`,
    });
  }

  return { valid: problems.length === 0, problems };
}
