import { Static, Type } from '@sinclair/typebox';
import { DOSSIER_STATUSES } from '../enums';
import { DossierCodeAlias, IsoDateTime, NonEmptyText, StringEnum } from './schema-kit';

/** What moved a deadline without an action on the dossier. */
export const DUE_DATE_CHANGE_REASONS = ['CALENDAR_NOTICE'] as const;
export type DueDateChangeReason = (typeof DUE_DATE_CHANGE_REASONS)[number];

/**
 * vn.motcua.dossier.due-date-changed.v1: an open dossier's deadline was recomputed because the working-day
 * calendar changed (an official notice added or moved days off). The status does not change.
 */
export const dossierDueDateChangedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  procedureCode: NonEmptyText(),
  agencyCode: NonEmptyText(),
  status: StringEnum(DOSSIER_STATUSES),
  previousDueAt: IsoDateTime(),
  dueAt: IsoDateTime(),
  /** When the change was recorded. */
  at: IsoDateTime(),
  reason: StringEnum(DUE_DATE_CHANGE_REASONS),
  /** The notice that changed the calendar, and the calendar version it made. */
  noticeNumber: NonEmptyText(),
  calendarVersion: Type.Integer({ minimum: 1 }),
  supplementRequests: Type.Integer({ minimum: 0 }),
  apologized: Type.Boolean(),
});
export type DossierDueDateChangedV1 = Static<typeof dossierDueDateChangedV1Schema>;
