import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { localized } from '@motcua/contracts';
import { refusal, type AuthenticatedRequest } from './auth.guard';

/** The verified caller of a non-public route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal)
    throw refusal(UnauthorizedException, localized('A bearer token is required.', 'Cần mã truy cập.'));
  return principal;
});
