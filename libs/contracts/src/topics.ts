import { EventType, EventTypes } from './event-types';

/** One topic per aggregate, keyed by dossier code so a dossier's events stay ordered. */
export const Topics = {
  Dossier: 'motcua.dossier.v1',
  Document: 'motcua.document.v1',
  Signature: 'motcua.signature.v1',
  Citizen: 'motcua.citizen.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

const TOPIC_OF_TYPE: Record<EventType, Topic> = {
  [EventTypes.DossierReceivedV1]: Topics.Dossier,
  [EventTypes.DossierStatusChangedV1]: Topics.Dossier,
  [EventTypes.DossierPaymentRecordedV1]: Topics.Dossier,
  [EventTypes.DossierFeedbackRecordedV1]: Topics.Dossier,
  [EventTypes.DossierDueDateChangedV1]: Topics.Dossier,
  [EventTypes.DocumentDigitizedV1]: Topics.Document,
  [EventTypes.DocumentReusedV1]: Topics.Document,
  [EventTypes.SignatureVerifiedV1]: Topics.Signature,
  [EventTypes.CitizenVerifiedV1]: Topics.Citizen,
  [EventTypes.CitizenVerificationFailedV1]: Topics.Citizen,
};

export function topicOf(type: EventType): Topic {
  return TOPIC_OF_TYPE[type];
}

/** Where a message goes after its bounded retries are spent. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}
