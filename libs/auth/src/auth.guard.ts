import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { localized, type LocalizedText } from '@motcua/contracts';
import { accessRuleOf } from './access-rule';
import { NATIONAL_SCOPE } from './agency-scope';
import { InvalidTokenError, JwtVerifier, KeySetUnavailableError } from './jwt';
import { Principal } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Nest's exception with the text in both languages: the problem-details filter answers in the request's language,
 * and `message` (logs, tests) stays the English sentence.
 */
export function refusal<E>(Exception: new (body: object) => E, text: LocalizedText): E {
  return new Exception({ message: text.en, en: text.en, vi: text.vi });
}

/** Seconds a client waits before retrying when the identity provider's keys could not be fetched. */
const KEY_SET_RETRY_AFTER_SECONDS = 5;

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), one of its @Roles(), and a national
 * token when its @Scope() is `national`. A route that declares neither @Public() nor @Roles() is refused to everyone
 * (fail closed: a route added without a rule cannot leak), and the authorization-matrix test fails on it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, [context.getHandler(), context.getClass()]);
    if (rule.public) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw refusal(
        UnauthorizedException,
        localized(
          'A bearer token is required (Authorization: Bearer <JWT>).',
          'Cần mã truy cập (Authorization: Bearer <JWT>).',
        ),
      );
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw refusal(
          UnauthorizedException,
          localized(
            `The bearer token was refused: ${error.message}.`,
            `Mã truy cập bị từ chối: ${error.message}.`,
          ),
        );
      if (error instanceof KeySetUnavailableError) {
        http.getResponse<Response>().setHeader('Retry-After', String(KEY_SET_RETRY_AFTER_SECONDS));
        throw refusal(
          ServiceUnavailableException,
          localized(
            'The identity provider is not answering; try again shortly.',
            'Hệ thống xác thực không phản hồi; vui lòng thử lại sau ít phút.',
          ),
        );
      }
      throw error;
    }
    const principal = request.principal;
    if (rule.roles.length === 0)
      throw refusal(
        ForbiddenException,
        localized('This route has no access rule.', 'Đường dẫn này chưa có quy tắc truy cập.'),
      );
    if (!rule.roles.some((role) => principal.roles.includes(role))) {
      throw refusal(
        ForbiddenException,
        localized(
          `This action needs one of the roles: ${rule.roles.join(', ')}.`,
          `Thao tác này cần một trong các vai trò: ${rule.roles.join(', ')}.`,
        ),
      );
    }
    if (rule.scope === 'national' && principal.agency !== NATIONAL_SCOPE) {
      throw refusal(
        ForbiddenException,
        localized(
          'This is a national resource: it needs a national token (agency *).',
          'Đây là tài nguyên cấp quốc gia: cần mã truy cập cấp quốc gia (agency *).',
        ),
      );
    }
    return true;
  }
}
