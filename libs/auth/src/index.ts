export { Public, IS_PUBLIC_ROUTE } from './public.decorator';
export {
  AGENCY_CODE_PATTERN,
  NATIONAL_SCOPE,
  isAgencyCode,
  agencyLevel,
  agencyCovers,
  agencySubtreeLikePattern,
} from './agency-scope';
export { type Principal, isRole } from './principal';
export {
  JwtVerifier,
  InvalidTokenError,
  mintToken,
  resolvePublicKeyPem,
  JWT_ALGORITHM,
  type MintTokenParams,
} from './jwt';
export { AuthGuard, Roles, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.guard';
export { CurrentPrincipal } from './current-principal.decorator';
export { AuthModule } from './auth.module';
