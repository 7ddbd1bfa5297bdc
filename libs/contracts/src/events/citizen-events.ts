import { Static, Type } from '@sinclair/typebox';
import { IsoDateTime, NonEmptyText, StringEnum } from './schema-kit';

/** The applicant fields the registry can contradict; idNumber when the number is unknown there. */
export const CITIZEN_MISMATCH_FIELDS = ['idNumber', 'fullName', 'dateOfBirth', 'sex'] as const;
export type CitizenMismatchField = (typeof CITIZEN_MISMATCH_FIELDS)[number];
export const isCitizenMismatchField = (field: string): field is CitizenMismatchField =>
  (CITIZEN_MISMATCH_FIELDS as readonly string[]).includes(field);

/** vn.motcua.citizen.verified.v1: the registry answered for the applicant of a dossier. */
export const citizenVerifiedV1Schema = Type.Object({
  dossierCode: NonEmptyText(),
  match: Type.Boolean(),
  /** Fields that differ from the registry: fullName, dateOfBirth, sex; or idNumber when unknown there. */
  mismatches: Type.Array(StringEnum(CITIZEN_MISMATCH_FIELDS)),
  verifiedAt: IsoDateTime(),
});
export type CitizenVerifiedV1 = Static<typeof citizenVerifiedV1Schema>;

/** vn.motcua.citizen.verification-failed.v1: the registry could not be asked, after bounded retries. */
export const citizenVerificationFailedV1Schema = Type.Object({
  dossierCode: NonEmptyText(),
  reason: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  failedAt: IsoDateTime(),
});
export type CitizenVerificationFailedV1 = Static<typeof citizenVerificationFailedV1Schema>;
