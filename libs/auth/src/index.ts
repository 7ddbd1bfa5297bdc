export { Public, IS_PUBLIC_ROUTE } from './public.decorator';
export {
  AGENCY_CODE_PATTERN,
  NATIONAL_SCOPE,
  isAgencyCode,
  agencyLevel,
  agencyCovers,
  agencySubtreeLikePattern,
} from './agency-scope';
export {
  type Principal,
  type ScopedResource,
  CITIZEN_ID_CLAIM,
  isRole,
  isCitizenId,
  isCitizenOnly,
  principalReaches,
} from './principal';
export {
  JwtVerifier,
  InvalidTokenError,
  KeySetUnavailableError,
  mintToken,
  resolvePublicKeyPem,
  JWT_ALGORITHM,
  DEFAULT_AUDIENCE,
  type JwtVerifierSettings,
  type MintTokenParams,
} from './jwt';
export {
  Roles,
  Scope,
  REQUIRED_ROLES,
  AGENCY_SCOPE,
  accessRuleOf,
  type AccessRule,
  type AgencyScope,
} from './access-rule';
export { AuthGuard, type AuthenticatedRequest } from './auth.guard';
export { CurrentPrincipal } from './current-principal.decorator';
export { AuthModule } from './auth.module';
