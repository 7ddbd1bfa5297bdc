import type { Sex } from '@motcua/contracts';

export const RELATIONS_TO_HEAD = ['HEAD', 'SPOUSE', 'CHILD', 'GRANDCHILD', 'SIBLING'] as const;
export type RelationToHead = (typeof RELATIONS_TO_HEAD)[number];

export interface Address {
  /** House number and street, e.g. "Số 12, đường Lê Lợi". */
  street: string;
  /** Ward (phường) or commune (xã). */
  ward: string;
  /** Province name, one of the 63 birth-registration provinces. */
  province: string;
  provinceCode: string;
}

/** One person of the synthetic population, as the registry answers a lookup. */
export interface PersonRecord {
  idNumber: string;
  /** NFC, with diacritics: "Nguyễn Văn An". */
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  sex: Sex;
  /** Name of the province where the birth was registered (digits 1-3 of the ID number). */
  placeOfBirth: string;
  nationality: string;
  permanentAddress: Address;
  household: {
    id: string;
    relationToHead: RelationToHead;
    headIdNumber: string;
  };
  /** Adults (18 or older at 2026-01-01) only; null for minors. */
  phone: string | null;
}
