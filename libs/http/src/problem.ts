import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const problemType = (slug: string) => `urn:motcua:problem:${slug}`;

/**
 * A domain or input error with everything the client needs to correct the request.
 * `extensions` become extra members (e.g. `allowedActions` on a 409).
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly slug: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}
