import type { Sex } from '@motcua/contracts';
// Births are generated 1930-2024, always inside the centuries the ID number encodes.
import {
  BIRTH_REGISTRATION_PROVINCE_CODES,
  BIRTH_REGISTRATION_PROVINCES,
  centurySexDigit,
} from '@motcua/identity';
import { PersonRecord, RelationToHead } from './person';
import { mixSeed, mulberry32, Random } from './prng';
import {
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  MOBILE_PREFIXES,
  SECOND_MIDDLE_NAMES,
  STREETS,
  WARDS,
} from './vietnamese-names';

const DAY_MS = 86_400_000;
const FIRST_BIRTH_DAY = Date.UTC(1930, 0, 1) / DAY_MS;
const LAST_BIRTH_DAY = Date.UTC(2024, 11, 31) / DAY_MS;
/** Adults (who may have a phone) are born on or before this day: 18 at 2026-01-01, fixed so output never drifts. */
const LAST_ADULT_BIRTH_DAY = Date.UTC(2007, 11, 31) / DAY_MS;
const MAX_HOUSEHOLD_SIZE = 6;

/** Independent random streams of one seed. */
const enum Stream {
  Person = 1,
  Serial = 2,
  Households = 3,
  HouseholdAddress = 4,
}

/** What the ID number is made of: drawn first from the person's stream. */
interface Core {
  random: Random;
  provinceCode: string;
  sex: Sex;
  birthDay: number;
  birthYear: number;
}

/**
 * A deterministic synthetic population: person i is derived from (seed, i) on demand; at construction only
 * the ID numbers are computed (to make digits 7-12 unique and to index them) and the household layout.
 * 100,000 people take a few hundred milliseconds and a few MB (an ID-number index and typed arrays).
 */
export class PopulationGenerator {
  private readonly idNumbers: Float64Array;
  private readonly index = new Map<number, number>();
  /** Index of the first member of each person's household, and the household's size. */
  private readonly householdStart: Uint32Array;
  private readonly householdSize: Uint8Array;
  private readonly householdNumber: Uint32Array;

  constructor(
    readonly seed: number,
    readonly size: number,
  ) {
    this.idNumbers = new Float64Array(size);
    this.householdStart = new Uint32Array(size);
    this.householdSize = new Uint8Array(size);
    this.householdNumber = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const core = this.core(i);
      const prefix =
        Number(core.provinceCode) * 1e9 +
        centurySexDigit(core.birthYear, core.sex)! * 1e8 +
        (core.birthYear % 100) * 1e6;
      const serials = mulberry32(mixSeed(seed, i, Stream.Serial));
      let id = prefix + serials.int(1e6);
      while (this.index.has(id)) id = prefix + serials.int(1e6);
      this.idNumbers[i] = id;
      this.index.set(id, i);
    }
    const households = mulberry32(mixSeed(seed, 0, Stream.Households));
    for (let start = 0, household = 0; start < size; household++) {
      const members = Math.min(1 + households.int(MAX_HOUSEHOLD_SIZE), size - start);
      for (let j = start; j < start + members; j++) {
        this.householdStart[j] = start;
        this.householdSize[j] = members;
        this.householdNumber[j] = household;
      }
      start += members;
    }
  }

  /** Index of the person with this ID number, or undefined. */
  indexOf(idNumber: string): number | undefined {
    if (!/^\d{12}$/.test(idNumber)) return undefined;
    return this.index.get(Number(idNumber));
  }

  idNumberAt(i: number): string {
    return String(this.idNumbers[i]).padStart(12, '0');
  }

  /** The full record of person i (0 ≤ i < size). */
  person(i: number): PersonRecord {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) throw new RangeError(`no person ${i}`);
    const core = this.core(i);
    const { random, sex } = core;
    const family = random.pick(FAMILY_NAMES);
    const middle = random.pick(MIDDLE_NAMES[sex]);
    // About one in six carries a second middle name ("Nguyễn Thị Ngọc Anh").
    const second = random.next() < 0.16 ? random.pick(SECOND_MIDDLE_NAMES[sex]) : '';
    const given = random.pick(GIVEN_NAMES[sex]);
    const fullName = [family, middle, second !== middle ? second : '', given]
      .filter(Boolean)
      .join(' ')
      .normalize('NFC');
    const phone =
      core.birthDay <= LAST_ADULT_BIRTH_DAY
        ? random.pick(MOBILE_PREFIXES) + String(random.int(1e7)).padStart(7, '0')
        : null;
    const start = this.householdStart[i];
    const head = this.headOf(start, this.householdSize[i]);
    const household = this.householdNumber[i];
    const address = mulberry32(mixSeed(this.seed, household, Stream.HouseholdAddress));
    const headCore = head === i ? core : this.core(head);
    // Most households live in the province where their head was born.
    const provinceCode =
      address.next() < 0.7 ? headCore.provinceCode : address.pick(BIRTH_REGISTRATION_PROVINCE_CODES);
    return {
      idNumber: this.idNumberAt(i),
      fullName,
      dateOfBirth: new Date(core.birthDay * DAY_MS).toISOString().slice(0, 10),
      sex,
      placeOfBirth: BIRTH_REGISTRATION_PROVINCES[core.provinceCode],
      nationality: 'Việt Nam',
      permanentAddress: {
        street: `Số ${1 + address.int(300)}, đường ${address.pick(STREETS)}`,
        ward: address.pick(WARDS),
        province: BIRTH_REGISTRATION_PROVINCES[provinceCode],
        provinceCode,
      },
      household: {
        id: `HK${String(household).padStart(8, '0')}`,
        relationToHead: this.relation(i, head, core, headCore),
        headIdNumber: this.idNumberAt(head),
      },
      phone,
    };
  }

  /** The head of a household is its oldest member (ties: the first). */
  private headOf(start: number, members: number): number {
    let head = start;
    let headBirth = this.core(start).birthDay;
    for (let j = start + 1; j < start + members; j++) {
      const birth = this.core(j).birthDay;
      if (birth < headBirth) [head, headBirth] = [j, birth];
    }
    return head;
  }

  private relation(i: number, head: number, core: Core, headCore: Core): RelationToHead {
    if (i === head) return 'HEAD';
    const years = core.birthYear - headCore.birthYear;
    if (years >= 40) return 'GRANDCHILD';
    if (years >= 16) return 'CHILD';
    if (core.sex === headCore.sex) return 'SIBLING';
    // The first member of the other sex close in age is the spouse; later ones are siblings.
    const start = this.householdStart[i];
    for (let j = start; j < i; j++) {
      if (j === head) continue;
      const other = this.core(j);
      if (other.sex !== headCore.sex && other.birthYear - headCore.birthYear < 16) return 'SIBLING';
    }
    return 'SPOUSE';
  }

  private core(i: number): Core {
    const random = mulberry32(mixSeed(this.seed, i, Stream.Person));
    const provinceCode = random.pick(BIRTH_REGISTRATION_PROVINCE_CODES);
    const sex: Sex = random.next() < 0.5 ? 'MALE' : 'FEMALE';
    const birthDay = FIRST_BIRTH_DAY + random.int(LAST_BIRTH_DAY - FIRST_BIRTH_DAY + 1);
    const birthYear = new Date(birthDay * DAY_MS).getUTCFullYear();
    return { random, provinceCode, sex, birthDay, birthYear };
  }
}
