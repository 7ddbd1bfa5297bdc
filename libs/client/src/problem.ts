import type { components } from './generated/intake';

/**
 * An RFC 9457 problem (`application/problem+json`), the body of every 4xx/5xx of every service: the six documents
 * share one `ProblemDetails` schema (libs/http), so intake's generated type stands for all of them.
 */
export type MotcuaProblem = components['schemas']['ProblemDetails'];
export type MotcuaFieldError = components['schemas']['FieldError'];

/** True when a value has the shape of a problem document (what an openapi-fetch `error` holds on a 4xx/5xx). */
export function isMotcuaProblem(value: unknown): value is MotcuaProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { type, title, status } = value as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number';
}

/** Thrown by `unwrap` for an error response: the problem, typed, with the HTTP status and Retry-After if any. */
export class MotcuaProblemError extends Error {
  constructor(
    readonly status: number,
    /** The problem document, or undefined when the body was not one (a proxy's HTML page). */
    readonly problem: MotcuaProblem | undefined,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail}` : `HTTP ${status}`);
    this.name = 'MotcuaProblemError';
  }

  /** Seconds to wait before retrying (503 and 429 carry Retry-After), when the server said so. */
  get retryAfterSeconds(): number | undefined {
    const header = this.response.headers.get('retry-after');
    const seconds = header === null ? NaN : Number(header);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
}

/** The data of a successful response, or a thrown MotcuaProblemError: `const d = await unwrap(client.GET(...))`. */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<Exclude<D, undefined>> {
  const { data, error, response } = await call;
  if (!response.ok)
    throw new MotcuaProblemError(response.status, isMotcuaProblem(error) ? error : undefined, response);
  return data as Exclude<D, undefined>;
}
