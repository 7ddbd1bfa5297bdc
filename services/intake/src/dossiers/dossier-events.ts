import { createCloudEvent, DossierAction, DossierStatusChangedV1, EventTypes } from '@motcua/contracts';
import { DossierEntity } from './dossier.entity';
import { confirmationOutcomeOf } from './dossier.view';

export const EVENT_SOURCE = '/motcua/intake';

/** Which dossier a dossier event is about: `code` as in v1, and `dossierCode`, the name all events share. */
export function dossierIdentity(dossier: Pick<DossierEntity, 'code' | 'agencyCode' | 'procedureCode'>) {
  return {
    code: dossier.code,
    dossierCode: dossier.code,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.agencyCode,
  };
}

/** The envelope fields of an event about `dossier` at `at` (its subject is the dossier code). */
export function recordedOn(dossier: Pick<DossierEntity, 'code'>, at: Date) {
  return { source: EVENT_SOURCE, subject: dossier.code, time: at };
}

/** The status-changed event carries the SLA facts metrics needs, so no consumer has to call intake back. */
export function statusChangedEvent(
  dossier: DossierEntity,
  change: {
    action: DossierAction;
    fromStatus: DossierEntity['status'];
    at: Date;
    actor: string;
    elapsedWorkingMinutes: number;
  },
) {
  const data: DossierStatusChangedV1 = {
    ...dossierIdentity(dossier),
    channel: dossier.channel,
    action: change.action,
    fromStatus: change.fromStatus,
    toStatus: dossier.status,
    at: change.at.toISOString(),
    actor: change.actor,
    receivedAt: dossier.receivedAt.toISOString(),
    dueAt: dossier.dueAt ? dossier.dueAt.toISOString() : null,
    elapsedWorkingMinutes: Math.round(change.elapsedWorkingMinutes * 100) / 100,
    supplementRequests: dossier.supplementRequests,
    apologized: dossier.apologized,
    late: dossier.lateByRule || (!!dossier.dueAt && change.at.getTime() > dossier.dueAt.getTime()),
    ...(dossier.confirmationDueAt
      ? {
          onlineConfirmation: {
            dueAt: dossier.confirmationDueAt.toISOString(),
            confirmedAt: dossier.confirmedAt ? dossier.confirmedAt.toISOString() : null,
            outcome: confirmationOutcomeOf(dossier, change.at),
          },
        }
      : {}),
  };
  return createCloudEvent({
    ...recordedOn(dossier, change.at),
    type: EventTypes.DossierStatusChangedV1,
    data,
  });
}
