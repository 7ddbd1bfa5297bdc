import { createCloudEvent, DossierAction, DossierStatusChangedV1, EventTypes } from '@motcua/contracts';
import { DossierEntity } from './dossier.entity';
import { confirmationOutcomeOf } from './dossier.view';

export const EVENT_SOURCE = '/motcua/intake';

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
    code: dossier.code,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.agencyCode,
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
    type: EventTypes.DossierStatusChangedV1,
    source: EVENT_SOURCE,
    subject: dossier.code,
    data,
    time: change.at,
  });
}
