/**
 * Thrown by a handler for an event it can never apply (its content is wrong, not the moment): the consumer gives it
 * a few attempts and then parks it on `<topic>.dlt`. Any other error is taken as transient and retried for as long
 * as it takes, because dead-lettering an event over an outage loses it for the read model until someone replays it.
 */
export class PermanentEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEventError';
  }
}

/** The event itself is not a valid CloudEvent of our contracts (unparseable or schema violation). */
export class InvalidEventError extends PermanentEventError {}

export function isPermanentEventError(error: unknown): error is PermanentEventError {
  return error instanceof PermanentEventError;
}
