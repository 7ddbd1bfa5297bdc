import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { FieldError, localized, ProblemException } from '@motcua/http';

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
      if (!value)
        errors.push({
          field: label,
          in: 'header',
          message: localized(`${label} header is required`, `header ${label} là bắt buộc`),
        });
      else if (value.length > MAX_LENGTH)
        errors.push({
          field: label,
          in: 'header',
          message: localized(
            `${label} must be at most ${MAX_LENGTH} characters`,
            `${label} chỉ được có tối đa ${MAX_LENGTH} ký tự`,
          ),
        });
      return value;
    };
    const requester = read(REQUESTER_HEADER, 'X-Requester');
    const purpose = read(PURPOSE_HEADER, 'X-Purpose');
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'requester-required',
        localized(
          'Every registry request must say who asks (X-Requester) and why (X-Purpose, e.g. the dossier code).',
          'Mỗi yêu cầu tới cơ sở dữ liệu dân cư phải nêu ai hỏi (X-Requester) và vì sao (X-Purpose, ví dụ mã hồ sơ).',
        ),
        errors,
      );
    }
    (request as Request & { registryRequester: RequesterContext }).registryRequester = { requester, purpose };
    return true;
  }
}
