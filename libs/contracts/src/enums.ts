/** Roles a token can carry (ARCHITECTURE.md §5). */
export const ROLES = ['clerk', 'officer', 'citizen_portal', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How a dossier reached the agency (DOMAIN.md §3). */
export const CHANNELS = ['DIRECT', 'ONLINE', 'POSTAL'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Dossier statuses; "overdue" is derived from dueAt, never stored. */
export const DOSSIER_STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'PROCESSING',
  'SUPPLEMENT_REQUESTED',
  'RESOLVED',
  'RETURNED',
  'REJECTED',
  'WITHDRAWN',
  'STOPPED',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
  'ACCEPT',
  'REQUEST_SUPPLEMENT',
  'RECEIVE_SUPPLEMENT',
  'REJECT',
  'START_PROCESSING',
  'RESOLVE',
  'APOLOGIZE',
  'RETURN_RESULT',
  'WITHDRAW',
  'STOP',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export const SEXES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEXES)[number];
