import {
  BIRTH_REGISTRATION_PROVINCE_CODES,
  BIRTH_REGISTRATION_PROVINCES,
  centurySexDigit,
} from '@motcua/identity';
import { PopulationGenerator } from '../../src/population/population-generator';
import { mulberry32 } from '../../src/population/prng';

const SEED = 20231023;
const SIZE = 100_000;

describe('PopulationGenerator', () => {
  let population: PopulationGenerator;

  // How long building takes is a figure for bench/, not an assertion: CI machines are shared.
  beforeAll(() => {
    population = new PopulationGenerator(SEED, SIZE);
  });

  it('has the 63 birth-registration provinces', () => {
    expect(BIRTH_REGISTRATION_PROVINCE_CODES).toHaveLength(63);
    expect(BIRTH_REGISTRATION_PROVINCES['001']).toBe('Hà Nội');
    expect(BIRTH_REGISTRATION_PROVINCES['096']).toBe('Cà Mau');
  });

  it('is deterministic for a seed, and differs for another seed', () => {
    const again = new PopulationGenerator(SEED, SIZE);
    for (const i of [0, 1, 4242, 50_000, SIZE - 1]) expect(again.person(i)).toEqual(population.person(i));
    const other = new PopulationGenerator(SEED + 1, 1000);
    expect(other.person(0).idNumber).not.toBe(population.person(0).idNumber);
  });

  it('mulberry32 repeats for a seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('gives every person a unique, valid ID number consistent with province, birth year and sex', () => {
    const seen = new Set<string>();
    const provinces = new Set(BIRTH_REGISTRATION_PROVINCE_CODES);
    const problems: string[] = [];
    for (let i = 0; i < SIZE; i++) {
      const p = population.person(i);
      const id = p.idNumber;
      const year = Number(p.dateOfBirth.slice(0, 4));
      if (!/^\d{12}$/.test(id)) problems.push(`${i}: format`);
      if (!provinces.has(id.slice(0, 3))) problems.push(`${i}: province`);
      if (BIRTH_REGISTRATION_PROVINCES[id.slice(0, 3)] !== p.placeOfBirth)
        problems.push(`${i}: place of birth`);
      if (Number(id[3]) !== centurySexDigit(year, p.sex)) problems.push(`${i}: century/sex`);
      if (id[3] !== (year < 2000 ? (p.sex === 'MALE' ? '0' : '1') : p.sex === 'MALE' ? '2' : '3'))
        problems.push(`${i}: century/sex digit`);
      if (id.slice(4, 6) !== String(year % 100).padStart(2, '0')) problems.push(`${i}: year digits`);
      if (year < 1930 || year > 2024) problems.push(`${i}: birth year ${year}`);
      if (seen.has(id)) problems.push(`${i}: duplicate`);
      seen.add(id);
      if (population.indexOf(id) !== i) problems.push(`${i}: index`);
      if (problems.length > 10) break;
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBe(SIZE);
  });

  it('gives NFC Vietnamese names with diacritics, phones to adults only, and households with one head', () => {
    let withDiacritics = 0;
    const heads = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const p = population.person(i);
      expect(p.fullName).toBe(p.fullName.normalize('NFC'));
      expect(p.fullName).toMatch(/^\p{Lu}\p{Ll}* (\p{Lu}\p{Ll}* ){1,2}\p{Lu}\p{Ll}*$/u);
      if (/[^\x20-\x7e]/.test(p.fullName)) withDiacritics++;
      const adult = p.dateOfBirth <= '2007-12-31';
      expect(p.phone === null).toBe(!adult);
      if (p.phone) expect(p.phone).toMatch(/^0\d{9}$/);
      if (p.household.relationToHead === 'HEAD') {
        expect(p.household.headIdNumber).toBe(p.idNumber);
        heads.set(p.household.id, (heads.get(p.household.id) ?? 0) + 1);
      }
      expect(BIRTH_REGISTRATION_PROVINCES[p.permanentAddress.provinceCode]).toBe(p.permanentAddress.province);
    }
    expect(withDiacritics / 5000).toBeGreaterThan(0.8);
    expect([...heads.values()].every((n) => n === 1)).toBe(true);
    const family = population.person(0).household;
    const firstMembers = Array.from({ length: 20 }, (_, i) => population.person(i)).filter(
      (p) => p.household.id === family.id,
    );
    expect(new Set(firstMembers.map((p) => JSON.stringify(p.permanentAddress))).size).toBe(1);
  });

  it('looks up unknown or malformed numbers as absent', () => {
    expect(population.indexOf('000000000000')).toBeUndefined();
    expect(population.indexOf('12')).toBeUndefined();
    expect(() => population.person(SIZE)).toThrow(RangeError);
  });
});
