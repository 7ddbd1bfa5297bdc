import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Role } from '@motcua/contracts';
import { InvalidTokenError, JwtVerifier } from './jwt';
import { Principal } from './principal';
import { IS_PUBLIC_ROUTE } from './public.decorator';

export const REQUIRED_ROLES = 'motcua:required-roles';

/** The route needs a token holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard: every route needs a valid bearer token unless marked @Public();
 * a route with @Roles() also needs one of its roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <JWT>).');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthorizedException(`The bearer token was refused: ${error.message}.`);
      throw error;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => request.principal!.roles.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}.`);
    }
    return true;
  }
}
