import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CatalogueEvent, cloudEventEnvelopeSchema } from './cloud-event';
import { EventCatalogue } from './event-catalogue';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateEnvelope = ajv.compile(cloudEventEnvelopeSchema);
const dataValidators = new Map<string, ValidateFunction>(
  Object.entries(EventCatalogue).map(([type, { schema }]) => [type, ajv.compile(schema)]),
);

/**
 * A valid event of a type not in this catalogue (a newer producer's) passes on its envelope alone; its `type` then
 * matches no handler's case, so consumers skip it.
 */
export type EventValidation = { valid: true; event: CatalogueEvent } | { valid: false; errors: string[] };

const describe = (prefix: string, errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);

/** Every consumed message is checked like an HTTP body before any handler sees it. */
export function validateCloudEvent(value: unknown): EventValidation {
  if (!validateEnvelope(value))
    return { valid: false, errors: describe('envelope', validateEnvelope.errors) };
  const event = value as CatalogueEvent;
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
