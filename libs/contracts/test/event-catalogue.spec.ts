import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCloudEvent,
  dossierCodeOf,
  EVENT_EXAMPLES,
  EventCatalogue,
  EventType,
  EventTypes,
  isCatalogued,
  topicOf,
  Topics,
  validateCloudEvent,
} from '../src';

const types = Object.values(EventTypes) as EventType[];
const eventOf = (type: EventType, data: unknown) =>
  // Built as a consumer receives it: plain JSON, nothing the TypeScript types vouch for.
  JSON.parse(JSON.stringify(createCloudEvent({ type, source: '/test', subject: 'x', data: data as never })));

/** The v1 schemas as they were written by hand before TypeBox (captured from the previous build). */
const handWritten: Record<string, { properties: Record<string, unknown>; required: string[] }> = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/v1-schemas-before-typebox.json'), 'utf8'),
);
const SCHEMA_NAME: Record<EventType, string> = {
  [EventTypes.DossierReceivedV1]: 'dossierReceivedV1Schema',
  [EventTypes.DossierStatusChangedV1]: 'dossierStatusChangedV1Schema',
  [EventTypes.DossierPaymentRecordedV1]: 'dossierPaymentRecordedV1Schema',
  [EventTypes.DossierFeedbackRecordedV1]: 'dossierFeedbackRecordedV1Schema',
  [EventTypes.DossierDueDateChangedV1]: 'dossierDueDateChangedV1Schema',
  [EventTypes.DossierFormIssuedV1]: 'dossierFormIssuedV1Schema',
  [EventTypes.DocumentDigitizedV1]: 'documentDigitizedV1Schema',
  [EventTypes.DocumentReusedV1]: 'documentReusedV1Schema',
  [EventTypes.SignatureVerifiedV1]: 'signatureVerifiedV1Schema',
  [EventTypes.CitizenVerifiedV1]: 'citizenVerifiedV1Schema',
  [EventTypes.CitizenVerificationFailedV1]: 'citizenVerificationFailedV1Schema',
};
const sortedRequired = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema), (key, value) => (key === 'required' ? [...value].sort() : value));

describe('event catalogue', () => {
  it('has an entry for every event type: schema, topic, version of its type, description', () => {
    expect(Object.keys(EventCatalogue).sort()).toEqual([...types].sort());
    for (const type of types) {
      const entry = EventCatalogue[type];
      expect(entry.schema).toMatchObject({ type: 'object' });
      expect(Object.values(Topics)).toContain(entry.topic);
      expect(topicOf(type)).toBe(entry.topic);
      expect(`${type}`.endsWith(`.v${entry.version}`)).toBe(true);
      expect(entry.description.length).toBeGreaterThan(10);
    }
    expect(isCatalogued('vn.motcua.dossier.received.v1')).toBe(true);
    expect(isCatalogued('vn.motcua.dossier.received.v2')).toBe(false);
  });

  it.each(types)(
    '%s keeps the hand-written v1 schema (only an optional dossierCode and the FORM kind added)',
    (type) => {
      const before = handWritten[SCHEMA_NAME[type]];
      const now = sortedRequired(EventCatalogue[type].schema) as typeof before;
      if ('code' in before.properties) {
        expect(now.properties.dossierCode).toMatchObject({ type: 'string', minLength: 1 });
        expect(now.required).not.toContain('dossierCode');
        delete now.properties.dossierCode;
      }
      // Documents of kind FORM (the forms intake issues, docs/events.md) widen the enum; nothing else moves.
      const kind = now.properties.kind as { enum?: string[] } | undefined;
      const kindBefore = before.properties.kind as { enum?: string[] } | undefined;
      if (kind?.enum && kindBefore?.enum) {
        expect(kind.enum).toEqual([...kindBefore.enum, 'FORM']);
        kind.enum = kindBefore.enum;
      }
      expect(now).toEqual(sortedRequired(before));
    },
  );

  it.each(types)('%s: its example round-trips through JSON and validates', (type) => {
    const event = eventOf(type, EVENT_EXAMPLES[type]);
    expect(event.data).toEqual(EVENT_EXAMPLES[type]);
    expect(validateCloudEvent(event)).toEqual({ valid: true, event });
    const data = EVENT_EXAMPLES[type] as Record<string, unknown>;
    if ('code' in data) expect(data.dossierCode).toBe(data.code);
  });

  it.each(types)('%s: an example missing a required field or with a wrong-typed one is refused', (type) => {
    const required = (EventCatalogue[type].schema as { required: string[] }).required;
    const [first, ...rest] = required;
    const { [first]: _dropped, ...missing } = EVENT_EXAMPLES[type] as Record<string, unknown>;
    const missingResult = validateCloudEvent(eventOf(type, missing));
    expect(missingResult).toEqual({
      valid: false,
      errors: [`${type} data/ must have required property '${first}'`],
    });
    const wrong = { ...EVENT_EXAMPLES[type], [rest[0]]: { nested: true } };
    const wrongResult = validateCloudEvent(eventOf(type, wrong));
    expect(wrongResult.valid).toBe(false);
    expect((wrongResult as { errors: string[] }).errors.join('\n')).toContain(`data/${rest[0]}`);
  });

  it('refuses an unknown property value of an enum and a dossierCode that is empty', () => {
    const status = { ...EVENT_EXAMPLES[EventTypes.DossierStatusChangedV1], toStatus: 'ARCHIVED' };
    expect(validateCloudEvent(eventOf(EventTypes.DossierStatusChangedV1, status)).valid).toBe(false);
    const received = { ...EVENT_EXAMPLES[EventTypes.DossierReceivedV1], dossierCode: '' };
    expect(validateCloudEvent(eventOf(EventTypes.DossierReceivedV1, received))).toEqual({
      valid: false,
      errors: [`${EventTypes.DossierReceivedV1} data/dossierCode must NOT have fewer than 1 characters`],
    });
  });

  it('still accepts a v1 dossier event without dossierCode (the field is an optional addition)', () => {
    const { dossierCode: _omitted, ...old } = EVENT_EXAMPLES[EventTypes.DossierPaymentRecordedV1];
    expect(validateCloudEvent(eventOf(EventTypes.DossierPaymentRecordedV1, old)).valid).toBe(true);
  });

  it('names the dossier of every event: dossierCode, else the v1 `code`, else the subject', () => {
    for (const type of types) {
      expect(dossierCodeOf(eventOf(type, EVENT_EXAMPLES[type]))).toBe('000.00.12.H49-261127-0001');
    }
    const { dossierCode: _omitted, ...old } = EVENT_EXAMPLES[EventTypes.DossierReceivedV1];
    const v1 = createCloudEvent({
      type: EventTypes.DossierReceivedV1,
      source: '/t',
      subject: 'S',
      data: { ...old, code: 'OLD' },
    });
    expect(dossierCodeOf(v1)).toBe('OLD');
    expect(dossierCodeOf({ ...v1, type: 'vn.motcua.dossier.archived.v1' } as never)).toBe('S');
  });
});
