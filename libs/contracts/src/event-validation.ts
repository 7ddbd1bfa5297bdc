import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CloudEvent } from './cloud-event';
import { EventType, EventTypes } from './event-types';
import { citizenVerificationFailedV1Schema, citizenVerifiedV1Schema } from './events/citizen-events';
import {
  documentDigitizedV1Schema,
  documentReusedV1Schema,
  signatureVerifiedV1Schema,
} from './events/document-events';
import { dossierDueDateChangedV1Schema } from './events/dossier-due-date-events';
import { dossierReceivedV1Schema, dossierStatusChangedV1Schema } from './events/dossier-events';
import {
  dossierFeedbackRecordedV1Schema,
  dossierPaymentRecordedV1Schema,
} from './events/dossier-record-events';

const envelopeSchema = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', minLength: 1, maxLength: 200 },
    source: { type: 'string', minLength: 1 },
    type: { type: 'string', pattern: '^vn\\.motcua\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+$' },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string', minLength: 1 },
    datacontenttype: { const: 'application/json' },
    traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    data: {},
  },
} as const;

/** Payload schemas by event type; a type without one is validated as an envelope only. */
const DATA_SCHEMAS: Partial<Record<EventType, object>> = {
  [EventTypes.DossierReceivedV1]: dossierReceivedV1Schema,
  [EventTypes.DossierStatusChangedV1]: dossierStatusChangedV1Schema,
  [EventTypes.DossierPaymentRecordedV1]: dossierPaymentRecordedV1Schema,
  [EventTypes.DossierFeedbackRecordedV1]: dossierFeedbackRecordedV1Schema,
  [EventTypes.DossierDueDateChangedV1]: dossierDueDateChangedV1Schema,
  [EventTypes.CitizenVerifiedV1]: citizenVerifiedV1Schema,
  [EventTypes.CitizenVerificationFailedV1]: citizenVerificationFailedV1Schema,
  [EventTypes.DocumentDigitizedV1]: documentDigitizedV1Schema,
  [EventTypes.DocumentReusedV1]: documentReusedV1Schema,
  [EventTypes.SignatureVerifiedV1]: signatureVerifiedV1Schema,
};

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateEnvelope = ajv.compile(envelopeSchema);
const dataValidators = new Map<string, ValidateFunction>(
  Object.entries(DATA_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
);

export type EventValidation = { valid: true; event: CloudEvent } | { valid: false; errors: string[] };

const describe = (prefix: string, errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);

/** Every consumed message is checked like an HTTP body before any handler sees it. */
export function validateCloudEvent(value: unknown): EventValidation {
  if (!validateEnvelope(value))
    return { valid: false, errors: describe('envelope', validateEnvelope.errors) };
  const event = value as unknown as CloudEvent;
  const validateData = dataValidators.get(event.type);
  if (validateData && !validateData(event.data)) {
    return { valid: false, errors: describe(`${event.type} data`, validateData.errors) };
  }
  return { valid: true, event };
}

export function parseCloudEvent(raw: Buffer | string | null): EventValidation {
  if (raw === null) return { valid: false, errors: ['message has no value'] };
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return { valid: false, errors: ['message value is not JSON'] };
  }
  return validateCloudEvent(value);
}
