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
import { accessRuleOf } from './access-rule';
import { NATIONAL_SCOPE } from './agency-scope';
import { InvalidTokenError, JwtVerifier, KeySetUnavailableError } from './jwt';
import { Principal } from './principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

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
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <JWT>).');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthorizedException(`The bearer token was refused: ${error.message}.`);
      if (error instanceof KeySetUnavailableError) {
        http.getResponse<Response>().setHeader('Retry-After', String(KEY_SET_RETRY_AFTER_SECONDS));
        throw new ServiceUnavailableException('The identity provider is not answering; try again shortly.');
      }
      throw error;
    }
    const principal = request.principal;
    if (rule.roles.length === 0) throw new ForbiddenException('This route has no access rule.');
    if (!rule.roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${rule.roles.join(', ')}.`);
    }
    if (rule.scope === 'national' && principal.agency !== NATIONAL_SCOPE) {
      throw new ForbiddenException('This is a national resource: it needs a national token (agency *).');
    }
    return true;
  }
}
