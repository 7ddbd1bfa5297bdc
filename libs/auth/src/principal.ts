import { Role, ROLES } from '@motcua/contracts';

/** The claim of a citizen_portal token that names the citizen it speaks for: their 12-digit personal ID number. */
export const CITIZEN_ID_CLAIM = 'citizen_id';

/** Who is calling, as the verified token says. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Agency code whose subtree the caller may see, or `*` (national auditors and administrators). */
  agency: string;
  /** The citizen a citizen_portal token speaks for (CITIZEN_ID_CLAIM); required on such tokens. */
  citizenId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isCitizenId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{12}$/.test(value);
}

/** True when the caller acts only as the citizen portal (no staff role): it reaches only its own citizen's data. */
export function isCitizenOnly(principal: Principal): boolean {
  return principal.roles.every((role) => role === 'citizen_portal');
}
