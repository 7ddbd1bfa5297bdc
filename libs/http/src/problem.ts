import { HttpException, HttpStatus } from '@nestjs/common';
import type { LocalizedText } from './i18n/language';

/** Where a refused value was: the body (answered with a JSON pointer), a query or path parameter, or a header. */
export type FieldLocation = 'body' | 'query' | 'path' | 'header';

/** One refused value, as the code that refused it reports it. */
export interface FieldError {
  /** Dotted path (`applicant.idNumber`, `documents[0].type`) or the parameter's name. */
  field: string;
  message: LocalizedText;
  /** Defaults to the body. */
  in?: FieldLocation;
}

/** One entry of `errors[]` on the wire (RFC 9457 §3: `pointer` for the body, `parameter`/`header` otherwise). */
export interface FieldErrorDetails {
  field: string;
  message: string;
  pointer?: string;
  parameter?: string;
  header?: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldErrorDetails[];
  [extension: string]: unknown;
}

export const problemType = (slug: string) => `urn:motcua:problem:${slug}`;

/**
 * A domain or input error with everything the client needs to correct the request, said in English and in
 * Vietnamese (the answer follows Accept-Language). `extensions` become extra members (e.g. `allowedActions` on a
 * 409); a LocalizedText inside them is answered in the request's language too.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly slug: string,
    readonly detail: LocalizedText,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail.en, status);
  }
}
