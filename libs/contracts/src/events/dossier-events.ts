import {
  CHANNELS,
  Channel,
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  DossierAction,
  DossierStatus,
  SEXES,
  Sex,
} from '../enums';

export interface ApplicantData {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex?: Sex;
  phone?: string;
  email?: string;
  address?: string;
}

/** vn.motcua.dossier.received.v1: a dossier entered the system (live intake or legacy import). */
export interface DossierReceivedV1 {
  code: string;
  procedureCode: string;
  agencyCode: string;
  channel: Channel;
  status: DossierStatus;
  receivedAt: string;
  /** Null until an online dossier is accepted. */
  dueAt: string | null;
  applicant: ApplicantData;
  imported: boolean;
}

/** vn.motcua.dossier.status-changed.v1: one action on the control sheet, with the SLA facts metrics need. */
export interface DossierStatusChangedV1 {
  code: string;
  procedureCode: string;
  agencyCode: string;
  channel: Channel;
  action: DossierAction;
  fromStatus: DossierStatus;
  toStatus: DossierStatus;
  at: string;
  actor: string;
  receivedAt: string;
  dueAt: string | null;
  /** Working time elapsed on the SLA clock so far, pauses excluded, in working minutes. */
  elapsedWorkingMinutes: number;
  supplementRequests: number;
  apologized: boolean;
  late: boolean;
  /** Online dossiers only (additive): the 8-working-hour confirmation as of this action (Decree 45/2020). */
  onlineConfirmation?: {
    /** The current round's limit (a supplement that brings the dossier back to SUBMITTED starts a new round). */
    dueAt: string;
    confirmedAt: string | null;
    outcome: OnlineConfirmationOutcome;
  };
}

/** ON_TIME: every round answered in time; LATE: one was not; PENDING: still open in time; NONE: withdrawn unanswered. */
export const ONLINE_CONFIRMATION_OUTCOMES = ['ON_TIME', 'LATE', 'PENDING', 'NONE'] as const;
export type OnlineConfirmationOutcome = (typeof ONLINE_CONFIRMATION_OUTCOMES)[number];

const isoDateTime = { type: 'string', format: 'date-time' } as const;

const applicantSchema = {
  type: 'object',
  required: ['idNumber', 'fullName', 'dateOfBirth'],
  properties: {
    idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    dateOfBirth: { type: 'string', format: 'date' },
    sex: { enum: [...SEXES] },
    phone: { type: 'string', maxLength: 20 },
    email: { type: 'string', maxLength: 200 },
    address: { type: 'string', maxLength: 500 },
  },
} as const;

export const dossierReceivedV1Schema = {
  type: 'object',
  required: [
    'code',
    'procedureCode',
    'agencyCode',
    'channel',
    'status',
    'receivedAt',
    'dueAt',
    'applicant',
    'imported',
  ],
  properties: {
    code: { type: 'string', minLength: 1 },
    procedureCode: { type: 'string', minLength: 1 },
    agencyCode: { type: 'string', minLength: 1 },
    channel: { enum: [...CHANNELS] },
    status: { enum: [...DOSSIER_STATUSES] },
    receivedAt: isoDateTime,
    dueAt: { anyOf: [isoDateTime, { type: 'null' }] },
    applicant: applicantSchema,
    imported: { type: 'boolean' },
  },
} as const;

export const dossierStatusChangedV1Schema = {
  type: 'object',
  required: [
    'code',
    'procedureCode',
    'agencyCode',
    'channel',
    'action',
    'fromStatus',
    'toStatus',
    'at',
    'actor',
    'receivedAt',
    'dueAt',
    'elapsedWorkingMinutes',
    'supplementRequests',
    'apologized',
    'late',
  ],
  properties: {
    code: { type: 'string', minLength: 1 },
    procedureCode: { type: 'string', minLength: 1 },
    agencyCode: { type: 'string', minLength: 1 },
    channel: { enum: [...CHANNELS] },
    action: { enum: [...DOSSIER_ACTIONS] },
    fromStatus: { enum: [...DOSSIER_STATUSES] },
    toStatus: { enum: [...DOSSIER_STATUSES] },
    at: isoDateTime,
    actor: { type: 'string', minLength: 1 },
    receivedAt: isoDateTime,
    dueAt: { anyOf: [isoDateTime, { type: 'null' }] },
    elapsedWorkingMinutes: { type: 'number', minimum: 0 },
    supplementRequests: { type: 'integer', minimum: 0 },
    apologized: { type: 'boolean' },
    late: { type: 'boolean' },
    onlineConfirmation: {
      type: 'object',
      required: ['dueAt', 'confirmedAt', 'outcome'],
      properties: {
        dueAt: isoDateTime,
        confirmedAt: { anyOf: [isoDateTime, { type: 'null' }] },
        outcome: { enum: [...ONLINE_CONFIRMATION_OUTCOMES] },
      },
    },
  },
} as const;
