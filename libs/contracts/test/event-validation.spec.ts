import { createCloudEvent } from '../src/cloud-event';
import { EventTypes, topicOf } from '../src/event-catalogue';
import { parseCloudEvent, validateCloudEvent } from '../src/event-validation';
import { DossierReceivedV1 } from '../src/events/dossier-events';
import { deadLetterTopicOf, Topics } from '../src/topics';

const received: DossierReceivedV1 = {
  code: '000.00.12.H49-261127-0001',
  procedureCode: '1.001193',
  agencyCode: '000.00.12.H49',
  channel: 'ONLINE',
  status: 'SUBMITTED',
  receivedAt: '2026-11-27T03:00:00.000Z',
  dueAt: null,
  applicant: { idNumber: '001203004567', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' },
  imported: false,
};

describe('event contracts', () => {
  it('accepts a well-formed dossier.received.v1', () => {
    const event = createCloudEvent({
      type: EventTypes.DossierReceivedV1,
      source: '/intake',
      subject: received.code,
      data: received,
    });
    expect(validateCloudEvent(event)).toEqual({ valid: true, event });
    expect(parseCloudEvent(Buffer.from(JSON.stringify(event)))).toMatchObject({ valid: true });
  });

  it('refuses a payload that breaks its schema, naming the field', () => {
    const event = {
      // The types refuse such data at compile time; a consumer still meets it on the wire.
      ...createCloudEvent({
        type: EventTypes.DossierReceivedV1,
        source: '/intake',
        subject: received.code,
        data: received,
      }),
      data: { ...received, channel: 'FAX', applicant: { ...received.applicant, idNumber: '123' } },
    };
    const result = validateCloudEvent(event);
    expect(result.valid).toBe(false);
    const errors = (result as { errors: string[] }).errors.join('\n');
    expect(errors).toContain('/channel');
    expect(errors).toContain('/applicant/idNumber');
  });

  it('refuses non-JSON, a missing envelope field and a malformed type', () => {
    expect(parseCloudEvent(Buffer.from('{oops'))).toEqual({
      valid: false,
      errors: ['message value is not JSON'],
    });
    expect(parseCloudEvent(null).valid).toBe(false);
    const event = createCloudEvent({
      type: EventTypes.DossierReceivedV1,
      source: '/intake',
      subject: 'x',
      data: received,
    });
    expect(validateCloudEvent({ ...event, specversion: '0.3' }).valid).toBe(false);
    expect(validateCloudEvent({ ...event, type: 'DossierReceived' }).valid).toBe(false);
  });

  it('routes each type to its aggregate topic, with a dead-letter twin', () => {
    expect(topicOf(EventTypes.DossierStatusChangedV1)).toBe(Topics.Dossier);
    expect(topicOf(EventTypes.CitizenVerificationFailedV1)).toBe(Topics.Citizen);
    expect(deadLetterTopicOf(Topics.Document)).toBe('motcua.document.v1.dlt');
  });
});
