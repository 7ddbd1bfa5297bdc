import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Static, Type } from '@sinclair/typebox';
import { EventData, EventType, isCatalogued } from './event-catalogue';

/** CloudEvents 1.0 structured-mode envelope, plus W3C trace context (its distributed-tracing extension). */
export const cloudEventEnvelopeSchema = Type.Object({
  specversion: Type.Unsafe<'1.0'>({ const: '1.0' }),
  id: Type.String({ minLength: 1, maxLength: 200 }),
  source: Type.String({ minLength: 1 }),
  type: Type.Unsafe<EventType>({ type: 'string', pattern: '^vn\\.motcua\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+$' }),
  time: Type.String({ format: 'date-time' }),
  /** The dossier code: also the Kafka message key. */
  subject: Type.String({ minLength: 1 }),
  datacontenttype: Type.Unsafe<'application/json'>({ const: 'application/json' }),
  traceparent: Type.Optional(Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' })),
  data: Type.Unknown(),
});

export type CloudEvent<T = unknown> = Omit<Static<typeof cloudEventEnvelopeSchema>, 'data'> & { data: T };

/** An event of one catalogued type, its data typed by it. */
export type TypedCloudEvent<K extends EventType> = CloudEvent<EventData<K>> & { type: K };

/** Any catalogued event: a union discriminated by `type`, so `switch (event.type)` narrows `data`. */
export type CatalogueEvent = { [K in EventType]: TypedCloudEvent<K> }[EventType];

export interface NewCloudEvent<K extends EventType> {
  type: K;
  source: string;
  subject: string;
  data: EventData<K>;
  id?: string;
  time?: Date;
  traceparent?: string;
}

/** The active span's W3C traceparent (none when tracing is off or outside a span). */
function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The data's type follows from `type`; the event carries the trace it was created in. */
export function createCloudEvent<K extends EventType>(params: NewCloudEvent<K>): TypedCloudEvent<K> {
  const traceparent = params.traceparent ?? activeTraceparent();
  return {
    specversion: '1.0',
    id: params.id ?? randomUUID(),
    source: params.source,
    type: params.type,
    time: (params.time ?? new Date()).toISOString(),
    subject: params.subject,
    datacontenttype: 'application/json',
    ...(traceparent ? { traceparent } : {}),
    data: params.data,
  };
}

/**
 * The dossier an event is about. Every payload names it `dossierCode` (optional on the v1 dossier events, which say
 * `code` and gained `dossierCode` later); a type this catalogue does not know falls back on the subject.
 */
export function dossierCodeOf(event: CatalogueEvent): string {
  if (!isCatalogued(event.type)) return event.subject;
  const data = event.data;
  return data.dossierCode ?? ('code' in data ? data.code : event.subject);
}
