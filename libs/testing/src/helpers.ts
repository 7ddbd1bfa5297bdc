import { Role } from '@motcua/contracts';
import { mintToken } from '@motcua/auth';
import { createLogger, Logger } from '@motcua/observability';
import { InfraEnv } from '@motcua/dev-stack';
import { testLogDestination } from './test-logs';

/** A logger for tests: warnings and errors (TEST_LOG_LEVEL for more) to the test file's log (test-logs.ts). */
export function testLogger(name = 'test'): Logger {
  return createLogger(name, process.env.TEST_LOG_LEVEL ?? 'warn', testLogDestination());
}

export function tokenFor(
  infra: InfraEnv,
  role: Role | Role[],
  agency: string,
  sub = `test-${String(role)}`,
  /** The citizen a citizen_portal token speaks for (required on such tokens). */
  citizenId?: string,
): Promise<string> {
  return mintToken({
    privateKeyPem: infra.jwtPrivateKeyPem,
    issuer: infra.jwtIssuer,
    sub,
    roles: Array.isArray(role) ? role : [role],
    agency,
    citizenId,
  });
}

/** Polls until `probe` returns a value other than undefined, or fails with the last value seen. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
