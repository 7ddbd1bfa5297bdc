import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { Role } from '@motcua/contracts';
import { IS_PUBLIC_ROUTE } from './public.decorator';

export const REQUIRED_ROLES = 'motcua:required-roles';
export const AGENCY_SCOPE = 'motcua:agency-scope';

/**
 * Which agencies a route serves a token of:
 * - `subtree`: the token's agency and its sub-agencies (the default; the service filters or refuses by agency, and a
 *   citizen_portal token reaches only its own citizen's dossiers and records);
 * - `shared`: national reference data every agency reads (catalogue, agency tree, trust anchors);
 * - `national`: only a national token (agency `*`), for national resources and whole-system checks.
 */
export type AgencyScope = 'subtree' | 'shared' | 'national';

/** The route needs a token holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The route's agency scope (`subtree` when not given). */
export const Scope = (scope: AgencyScope) => SetMetadata(AGENCY_SCOPE, scope);

/** What a route declares: public, or the roles and agency scope a token needs. `roles` empty means no rule. */
export interface AccessRule {
  public: boolean;
  roles: Role[];
  scope: AgencyScope;
}

/** A route's rule as the guard enforces it (method metadata overrides the controller's). */
export function accessRuleOf(
  reflector: Reflector,
  targets: Parameters<Reflector['getAllAndOverride']>[1],
): AccessRule {
  return {
    public: reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets) === true,
    roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [],
    scope: reflector.getAllAndOverride<AgencyScope | undefined>(AGENCY_SCOPE, targets) ?? 'subtree',
  };
}
