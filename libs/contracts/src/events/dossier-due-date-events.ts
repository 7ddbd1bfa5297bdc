import { DOSSIER_STATUSES, DossierStatus } from '../enums';

/** What moved a deadline without an action on the dossier. */
export const DUE_DATE_CHANGE_REASONS = ['CALENDAR_NOTICE'] as const;
export type DueDateChangeReason = (typeof DUE_DATE_CHANGE_REASONS)[number];

/**
 * vn.motcua.dossier.due-date-changed.v1: an open dossier's deadline was recomputed because the working-day
 * calendar changed (an official notice added or moved days off). The status does not change.
 */
export interface DossierDueDateChangedV1 {
  code: string;
  procedureCode: string;
  agencyCode: string;
  status: DossierStatus;
  previousDueAt: string;
  dueAt: string;
  /** When the change was recorded. */
  at: string;
  reason: DueDateChangeReason;
  /** The notice that changed the calendar, and the calendar version it made. */
  noticeNumber: string;
  calendarVersion: number;
  supplementRequests: number;
  apologized: boolean;
}

const isoDateTime = { type: 'string', format: 'date-time' } as const;

export const dossierDueDateChangedV1Schema = {
  type: 'object',
  required: [
    'code',
    'procedureCode',
    'agencyCode',
    'status',
    'previousDueAt',
    'dueAt',
    'at',
    'reason',
    'noticeNumber',
    'calendarVersion',
    'supplementRequests',
    'apologized',
  ],
  properties: {
    code: { type: 'string', minLength: 1 },
    procedureCode: { type: 'string', minLength: 1 },
    agencyCode: { type: 'string', minLength: 1 },
    status: { enum: [...DOSSIER_STATUSES] },
    previousDueAt: isoDateTime,
    dueAt: isoDateTime,
    at: isoDateTime,
    reason: { enum: [...DUE_DATE_CHANGE_REASONS] },
    noticeNumber: { type: 'string', minLength: 1 },
    calendarVersion: { type: 'integer', minimum: 1 },
    supplementRequests: { type: 'integer', minimum: 0 },
    apologized: { type: 'boolean' },
  },
} as const;
