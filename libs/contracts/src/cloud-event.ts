import { randomUUID } from 'node:crypto';
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

export function createCloudEvent<T>(params: NewCloudEvent<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: params.id ?? randomUUID(),
    source: params.source,
    type: params.type,
    time: (params.time ?? new Date()).toISOString(),
    subject: params.subject,
    datacontenttype: 'application/json',
    ...(params.traceparent ? { traceparent: params.traceparent } : {}),
    data: params.data,
  };
}
