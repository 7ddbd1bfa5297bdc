import { Static, TSchema } from '@sinclair/typebox';
import { citizenVerificationFailedV1Schema, citizenVerifiedV1Schema } from './events/citizen-events';
import {
  documentDigitizedV1Schema,
  documentReusedV1Schema,
  signatureVerifiedV1Schema,
} from './events/document-events';
import { dossierDueDateChangedV1Schema } from './events/dossier-due-date-events';
import { dossierReceivedV1Schema, dossierStatusChangedV1Schema } from './events/dossier-events';
import { dossierFormIssuedV1Schema } from './events/dossier-form-events';
import {
  dossierFeedbackRecordedV1Schema,
  dossierPaymentRecordedV1Schema,
} from './events/dossier-record-events';
import { Topic, Topics } from './topics';

interface EventDefinition<T extends string = string, S extends TSchema = TSchema> {
  /** The CloudEvents `type`; a breaking change to a payload is a new version (a new entry), never an edit. */
  type: T;
  schema: S;
  topic: Topic;
  description: string;
}

const define = <const T extends string, S extends TSchema>(definition: EventDefinition<T, S>) => definition;

/**
 * Every event type, once: its payload schema (from which its TypeScript type comes), its topic and what it says.
 * Adding an event type (or a new version of one) is one entry here.
 */
const DEFINITIONS = {
  DossierReceivedV1: define({
    type: 'vn.motcua.dossier.received.v1',
    schema: dossierReceivedV1Schema,
    topic: Topics.Dossier,
    description: 'A dossier entered the system (live intake or legacy import).',
  }),
  DossierStatusChangedV1: define({
    type: 'vn.motcua.dossier.status-changed.v1',
    schema: dossierStatusChangedV1Schema,
    topic: Topics.Dossier,
    description: 'One action on the control sheet, with the SLA facts metrics needs.',
  }),
  DossierPaymentRecordedV1: define({
    type: 'vn.motcua.dossier.payment-recorded.v1',
    schema: dossierPaymentRecordedV1Schema,
    topic: Topics.Dossier,
    description: "How the dossier's fee was settled (online payment indicator).",
  }),
  DossierFeedbackRecordedV1: define({
    type: 'vn.motcua.dossier.feedback-recorded.v1',
    schema: dossierFeedbackRecordedV1Schema,
    topic: Topics.Dossier,
    description: "The applicant's satisfaction and any complaint (satisfaction indicator).",
  }),
  DossierDueDateChangedV1: define({
    type: 'vn.motcua.dossier.due-date-changed.v1',
    schema: dossierDueDateChangedV1Schema,
    topic: Topics.Dossier,
    description:
      "An open dossier's deadline recomputed after an official calendar notice (status unchanged).",
  }),
  DossierFormIssuedV1: define({
    type: 'vn.motcua.dossier.form-issued.v1',
    schema: dossierFormIssuedV1Schema,
    topic: Topics.Dossier,
    description:
      'A one-stop form (01-05) was printed and signed for a line of the control sheet; carries the PDF.',
  }),
  DocumentDigitizedV1: define({
    type: 'vn.motcua.document.digitized.v1',
    schema: documentDigitizedV1Schema,
    topic: Topics.Document,
    description: 'A document of a dossier component was stored (uploaded or scanned).',
  }),
  DocumentReusedV1: define({
    type: 'vn.motcua.document.reused.v1',
    schema: documentReusedV1Schema,
    topic: Topics.Document,
    description: "A component was filled from the citizen's e-record store, without a new upload.",
  }),
  SignatureVerifiedV1: define({
    type: 'vn.motcua.signature.verified.v1',
    schema: signatureVerifiedV1Schema,
    topic: Topics.Signature,
    description: "The verification report of a document's signatures.",
  }),
  CitizenVerifiedV1: define({
    type: 'vn.motcua.citizen.verified.v1',
    schema: citizenVerifiedV1Schema,
    topic: Topics.Citizen,
    description: 'The population registry answered for the applicant of a dossier.',
  }),
  CitizenVerificationFailedV1: define({
    type: 'vn.motcua.citizen.verification-failed.v1',
    schema: citizenVerificationFailedV1Schema,
    topic: Topics.Citizen,
    description: 'The population registry could not be asked, after bounded retries.',
  }),
};
type Definitions = typeof DEFINITIONS;

/** CloudEvents `type` values by name (`EventTypes.DossierReceivedV1`). */
export const EventTypes = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([name, { type }]) => [name, type]),
) as { readonly [N in keyof Definitions]: Definitions[N]['type'] };
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export interface EventCatalogueEntry<S extends TSchema = TSchema> {
  schema: S;
  topic: Topic;
  /** The `.vN` of the type. */
  version: number;
  description: string;
}

type ByType = { [N in keyof Definitions as Definitions[N]['type']]: Definitions[N] };

/** The catalogue: event type -> its payload schema, topic, version and description. */
export const EventCatalogue = Object.fromEntries(
  Object.values(DEFINITIONS).map(({ type, schema, topic, description }) => [
    type,
    { schema, topic, version: Number(/\.v([0-9]+)$/.exec(type)?.[1]), description },
  ]),
) as { readonly [K in EventType]: EventCatalogueEntry<ByType[K]['schema']> };

/** The payload of an event type, as its schema defines it. */
export type EventData<K extends EventType> = Static<ByType[K]['schema']>;

export function isCatalogued(type: string): type is EventType {
  return Object.hasOwn(EventCatalogue, type);
}

/** One topic per aggregate: where an event type is published. */
export function topicOf(type: EventType): Topic {
  return EventCatalogue[type].topic;
}
