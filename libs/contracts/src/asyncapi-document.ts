import { cloudEventEnvelopeSchema } from './cloud-event';
import { EVENT_EXAMPLES } from './event-examples';
import { EventCatalogue, EventType, EventTypes } from './event-catalogue';
import { deadLetterTopicOf, Topic, Topics } from './topics';

/** Which service publishes each topic (through its transactional outbox). */
const PRODUCER_OF: Record<Topic, string> = {
  [Topics.Dossier]: 'intake',
  [Topics.Document]: 'digitization',
  [Topics.Signature]: 'esignature',
  [Topics.Citizen]: 'data-sharing',
};

const KAFKA_BINDING_VERSION = '0.5.0';
const EXAMPLE_CODE = '000.00.12.H49-261127-0001';

/** A plain JSON copy (TypeBox marks its schemas with symbol keys, which are no part of the document). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const nameOf = (type: EventType) =>
  Object.entries(EventTypes).find(([, value]) => value === type)?.[0] ?? type;
const channelIdOf = (topic: Topic) =>
  Object.entries(Topics)
    .find(([, value]) => value === topic)![0]
    .toLowerCase();

/** The structured-mode CloudEvent of one type: the envelope with `type` fixed and `data` its payload schema. */
function payloadOf(type: EventType): object {
  const envelope = json(cloudEventEnvelopeSchema);
  return {
    ...envelope,
    properties: {
      ...envelope.properties,
      type: { type: 'string', const: type },
      data: json(EventCatalogue[type].schema),
    },
  };
}

/**
 * The AsyncAPI 3.0 document of the event contracts, built from the catalogue: a channel per topic, a message per
 * event type with its CloudEvents payload and an example, the Kafka key (the dossier code) and headers.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const types = Object.keys(EventCatalogue) as EventType[];
  const topics = Object.values(Topics);
  const messages = Object.fromEntries(
    types.map((type) => {
      const entry = EventCatalogue[type];
      return [
        nameOf(type),
        {
          name: type,
          title: nameOf(type),
          summary: entry.description,
          contentType: 'application/cloudevents+json; charset=utf-8',
          headers: { $ref: '#/components/schemas/KafkaHeaders' },
          payload: payloadOf(type),
          bindings: {
            kafka: {
              key: {
                type: 'string',
                minLength: 1,
                description: 'The dossier code (also the CloudEvents subject).',
              },
              bindingVersion: KAFKA_BINDING_VERSION,
            },
          },
          examples: [
            {
              name: nameOf(type),
              headers: {
                'content-type': 'application/cloudevents+json; charset=utf-8',
                ce_id: '6c1f0a52-4b7e-4d2a-9f3c-2e8d1b0a7c65',
                ce_type: type,
              },
              payload: {
                specversion: '1.0',
                id: '6c1f0a52-4b7e-4d2a-9f3c-2e8d1b0a7c65',
                source: `/motcua/${PRODUCER_OF[entry.topic]}`,
                type,
                time: '2026-11-27T03:00:00.000Z',
                subject: EXAMPLE_CODE,
                datacontenttype: 'application/json',
                data: EVENT_EXAMPLES[type],
              },
            },
          ],
        },
      ];
    }),
  );
  const channels = Object.fromEntries(
    topics.map((topic) => [
      channelIdOf(topic),
      {
        address: topic,
        title: topic,
        description:
          `Events of the ${channelIdOf(topic)} aggregate, published by ${PRODUCER_OF[topic]}. Keyed by dossier code, ` +
          `so one dossier's events keep their order. A message its consumer cannot apply goes to ` +
          `${deadLetterTopicOf(topic)} after bounded retries.`,
        messages: Object.fromEntries(
          types
            .filter((type) => EventCatalogue[type].topic === topic)
            .map((type) => [nameOf(type), { $ref: `#/components/messages/${nameOf(type)}` }]),
        ),
        bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
      },
    ]),
  );
  const operations = Object.fromEntries(
    topics.map((topic) => [
      `publish${channelIdOf(topic)[0].toUpperCase()}${channelIdOf(topic).slice(1)}Events`,
      {
        action: 'send',
        channel: { $ref: `#/channels/${channelIdOf(topic)}` },
        summary: `${PRODUCER_OF[topic]} publishes these events from its transactional outbox (at least once).`,
        messages: Object.keys(channels[channelIdOf(topic)].messages).map((name) => ({
          $ref: `#/channels/${channelIdOf(topic)}/messages/${name}`,
        })),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'motcua events',
      version: '1.0.0',
      description:
        'The events the motcua services exchange over Kafka, generated from the event catalogue in libs/contracts ' +
        '(`npm run asyncapi`). Each message is a CloudEvents 1.0 event in structured mode (the whole event is the ' +
        'JSON value; `subject` and the Kafka key are the dossier code; `traceparent` carries W3C trace context). ' +
        'Consumers are idempotent (an inbox keyed by event id), so a redelivered event is applied once. A breaking ' +
        'change to a payload is a new type version (`.v2`), never an edit; additions are optional fields.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/cloudevents+json; charset=utf-8',
    servers: {
      local: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The development broker (`npm start`); a deployment may prefix every topic name.',
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: {
        KafkaHeaders: {
          type: 'object',
          properties: {
            'content-type': { type: 'string', const: 'application/cloudevents+json; charset=utf-8' },
            ce_id: { type: 'string', description: 'The CloudEvents id, repeated for broker tools.' },
            ce_type: { type: 'string', description: 'The CloudEvents type, repeated for broker tools.' },
            traceparent: {
              type: 'string',
              description: 'W3C trace context of the publishing span (the event may carry its own as well).',
            },
          },
        },
      },
    },
  };
}
