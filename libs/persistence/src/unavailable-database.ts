/**
 * Whether an error means "the database cannot be reached or cannot serve right now" (as opposed to a bug or bad
 * input): connection refused or cut, login refused, shutdown or recovery in progress, too many connections,
 * pool exhausted. Callers answer 503 with Retry-After for these, never 500.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    // SQLSTATE classes 08 (connection exception), 57P0x (shutdown, crash recovery), 53300 (too many connections),
    // 28000/28P01 (login refused: a role locked during a failover or rotation).
    if (
      /^08/.test(code) ||
      /^57P0[1-4]$/.test(code) ||
      code === '53300' ||
      code === '28000' ||
      code === '28P01'
    ) {
      return true;
    }
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code))
      return true;
    const message = typeof e.message === 'string' ? e.message : '';
    // TypeORM, when the connection died under an open transaction.
    if (/query runner was already released/i.test(message)) return true;
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is not open|Connection is closed/i.test(
        message,
      )
    ) {
      return true;
    }
    current = e.driverError ?? e.cause;
  }
  return false;
}
