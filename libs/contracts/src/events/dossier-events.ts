import { Static, Type } from '@sinclair/typebox';
import { CHANNELS, DOSSIER_ACTIONS, DOSSIER_STATUSES, SEXES } from '../enums';
import { DossierCodeAlias, IsoDateTime, NonEmptyText, NullableIsoDateTime, StringEnum } from './schema-kit';

/** ON_TIME: every round answered in time; LATE: one was not; PENDING: still open in time; NONE: withdrawn unanswered. */
export const ONLINE_CONFIRMATION_OUTCOMES = ['ON_TIME', 'LATE', 'PENDING', 'NONE'] as const;
export type OnlineConfirmationOutcome = (typeof ONLINE_CONFIRMATION_OUTCOMES)[number];

const applicantSchema = Type.Object({
  idNumber: Type.String({ pattern: '^[0-9]{12}$' }),
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  dateOfBirth: Type.String({ format: 'date' }),
  sex: Type.Optional(StringEnum(SEXES)),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 500 })),
});
export type ApplicantData = Static<typeof applicantSchema>;

/** vn.motcua.dossier.received.v1: a dossier entered the system (live intake or legacy import). */
export const dossierReceivedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  procedureCode: NonEmptyText(),
  agencyCode: NonEmptyText(),
  channel: StringEnum(CHANNELS),
  status: StringEnum(DOSSIER_STATUSES),
  receivedAt: IsoDateTime(),
  /** Null until an online dossier is accepted. */
  dueAt: NullableIsoDateTime(),
  applicant: applicantSchema,
  imported: Type.Boolean(),
});
export type DossierReceivedV1 = Static<typeof dossierReceivedV1Schema>;

/** vn.motcua.dossier.status-changed.v1: one action on the control sheet, with the SLA facts metrics need. */
export const dossierStatusChangedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  procedureCode: NonEmptyText(),
  agencyCode: NonEmptyText(),
  channel: StringEnum(CHANNELS),
  action: StringEnum(DOSSIER_ACTIONS),
  fromStatus: StringEnum(DOSSIER_STATUSES),
  toStatus: StringEnum(DOSSIER_STATUSES),
  at: IsoDateTime(),
  actor: NonEmptyText(),
  receivedAt: IsoDateTime(),
  dueAt: NullableIsoDateTime(),
  /** Working time elapsed on the SLA clock so far, pauses excluded, in working minutes. */
  elapsedWorkingMinutes: Type.Number({ minimum: 0 }),
  supplementRequests: Type.Integer({ minimum: 0 }),
  apologized: Type.Boolean(),
  late: Type.Boolean(),
  /** Online dossiers only (additive): the 8-working-hour confirmation as of this action (Decree 45/2020). */
  onlineConfirmation: Type.Optional(
    Type.Object({
      /** The current round's limit (a supplement that brings the dossier back to SUBMITTED starts a new round). */
      dueAt: IsoDateTime(),
      confirmedAt: NullableIsoDateTime(),
      outcome: StringEnum(ONLINE_CONFIRMATION_OUTCOMES),
    }),
  ),
});
export type DossierStatusChangedV1 = Static<typeof dossierStatusChangedV1Schema>;
