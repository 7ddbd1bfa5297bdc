import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { EventType } from './event-types';

/** CloudEvents 1.0 structured-mode envelope, plus W3C trace context. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: EventType;
  time: string;
  /** The dossier code: also the Kafka message key. */
  subject: string;
  datacontenttype: 'application/json';
  traceparent?: string;
  data: T;
}

export interface NewCloudEvent<T> {
  type: EventType;
  source: string;
  subject: string;
  data: T;
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

/** The event carries the trace it was created in (CloudEvents distributed-tracing extension). */
export function createCloudEvent<T>(params: NewCloudEvent<T>): CloudEvent<T> {
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
