/** Units a processing limit is counted in (DOMAIN.md §6). */
export const LIMIT_UNITS = ['WORKING_DAYS', 'WORKING_HOURS'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** The government level that decides the procedure (cấp thực hiện). */
export const PROCEDURE_AGENCY_LEVELS = ['MINISTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type ProcedureAgencyLevel = (typeof PROCEDURE_AGENCY_LEVELS)[number];

/**
 * What the procedure issues: a certificate (giấy chứng nhận, giấy khai sinh), a licence (giấy phép), an extract
 * from a register (trích lục, phiếu), a certified copy, a registration recorded in a national database with a
 * notice, or a decision.
 */
export const RESULT_KINDS = [
  'CERTIFICATE',
  'LICENCE',
  'EXTRACT',
  'CERTIFIED_COPY',
  'REGISTRATION',
  'DECISION',
] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** One document the applicant submits (thành phần hồ sơ). */
export interface ProcedureComponent {
  /** Unique within the procedure; what a dossier's `components[].code` refers to. */
  code: string;
  name: string;
  required: boolean;
  /** An electronic submission of it must carry a valid digital signature. */
  signatureRequired: boolean;
  /** Number of copies (bản) to submit. */
  copies: number;
  /** When it applies or may be replaced, in Vietnamese. */
  note?: string;
}

/** A procedure's rules as in force on one date: what dossier intake validates against and times by. */
export interface ProcedureRules {
  code: string;
  name: string;
  field: string;
  agencyLevel: ProcedureAgencyLevel;
  resultKind: ResultKind;
  resultName: string;
  /** First day (Vietnam date) these rules apply. */
  effectiveFrom: string;
  /** Last day they apply, or null while in force. */
  effectiveTo: string | null;
  limit: { value: number; unit: LimitUnit };
  limitNote: string | null;
  /** Fee in VND; 0 = free. */
  feeVnd: number;
  feeNote: string | null;
  components: ProcedureComponent[];
  legalBasis: string;
}
