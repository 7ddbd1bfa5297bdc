import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { FieldError, ProblemException } from '@motcua/http';

export interface RequesterContext {
  /** Who asks: an agency code or a service name. */
  requester: string;
  /** Why: the dossier code the lookup serves. */
  purpose: string;
}

export const REQUESTER_HEADER = 'x-requester';
export const PURPOSE_HEADER = 'x-purpose';
const MAX_LENGTH = 200;

/** The request's requester and purpose, set by RequesterGuard. */
export function requesterOf(request: Request): RequesterContext {
  return (request as Request & { registryRequester: RequesterContext }).registryRequester;
}

/**
 * Every registry lookup states who asks and why (DOMAIN.md §9, the X-Road manner):
 * `X-Requester` and `X-Purpose` are required on /api/v1, else 400 problem details.
 */
@Injectable()
export class RequesterGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const errors: FieldError[] = [];
    const read = (header: string, label: string) => {
      const raw = request.headers[header];
      const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
      if (!value) errors.push({ field: label, message: `${label} header is required` });
      else if (value.length > MAX_LENGTH)
        errors.push({ field: label, message: `${label} must be at most ${MAX_LENGTH} characters` });
      return value;
    };
    const requester = read(REQUESTER_HEADER, 'X-Requester');
    const purpose = read(PURPOSE_HEADER, 'X-Purpose');
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'requester-required',
        'Every registry request must say who asks (X-Requester) and why (X-Purpose, e.g. the dossier code).',
        errors,
      );
    }
    (request as Request & { registryRequester: RequesterContext }).registryRequester = { requester, purpose };
    return true;
  }
}
