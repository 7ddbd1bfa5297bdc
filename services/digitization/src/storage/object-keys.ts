import { randomUUID } from 'node:crypto';

export const DOCUMENT_KEY_PREFIX = 'documents/';

/** UTC day of a key's folder: the orphan reaper sweeps day by day. */
export function keyDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Keys are the service's own (never a client's path): `documents/<UTC day>/<uuid>`. */
export function newObjectKey(at = new Date()): string {
  return objectKeyFor(randomUUID(), at);
}

/** The key of a given id (a retry of the same write puts the same object, not a second orphan). */
export function objectKeyFor(id: string, at = new Date()): string {
  return `${DOCUMENT_KEY_PREFIX}${keyDay(at)}/${id}`;
}
