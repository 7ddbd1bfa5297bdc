/** vn.motcua.citizen.verified.v1: the registry answered for the applicant of a dossier. */
export interface CitizenVerifiedV1 {
  dossierCode: string;
  match: boolean;
  /** Fields that differ from the registry: fullName, dateOfBirth, sex; or idNumber when unknown there. */
  mismatches: string[];
  verifiedAt: string;
}

/** vn.motcua.citizen.verification-failed.v1: the registry could not be asked, after bounded retries. */
export interface CitizenVerificationFailedV1 {
  dossierCode: string;
  reason: string;
  attempts: number;
  failedAt: string;
}

const isoDateTime = { type: 'string', format: 'date-time' } as const;

export const citizenVerifiedV1Schema = {
  type: 'object',
  required: ['dossierCode', 'match', 'mismatches', 'verifiedAt'],
  properties: {
    dossierCode: { type: 'string', minLength: 1 },
    match: { type: 'boolean' },
    mismatches: { type: 'array', items: { enum: ['idNumber', 'fullName', 'dateOfBirth', 'sex'] } },
    verifiedAt: isoDateTime,
  },
} as const;

export const citizenVerificationFailedV1Schema = {
  type: 'object',
  required: ['dossierCode', 'reason', 'attempts', 'failedAt'],
  properties: {
    dossierCode: { type: 'string', minLength: 1 },
    reason: { type: 'string' },
    attempts: { type: 'integer', minimum: 0 },
    failedAt: isoDateTime,
  },
} as const;
