import { QueryFailedError } from 'typeorm';

/**
 * A failed query carries its parameters, which here include the extracted form data (names, dates of birth):
 * drop them before the error can reach a log line. The SQL, the driver's code and its message stay.
 */
export function withoutParameters(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    Object.assign(error, { parameters: undefined });
    const driverError = error.driverError as { parameters?: unknown } | undefined;
    if (driverError && typeof driverError === 'object') Object.assign(driverError, { parameters: undefined });
  }
  return error;
}
