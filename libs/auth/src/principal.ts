import { Role, ROLES } from '@motcua/contracts';
import { agencyCovers } from './agency-scope';

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

/** A dossier (or what hangs off one) as far as access goes: its agency and its applicant. */
export interface ScopedResource {
  agencyCode: string;
  applicantIdNumber?: string | null;
}

/**
 * True when the caller may reach the resource: its agency lies in the token's subtree, and a citizen_portal-only
 * token reaches only the dossiers of the citizen it names.
 */
export function principalReaches(principal: Principal, resource: ScopedResource): boolean {
  if (!agencyCovers(principal.agency, resource.agencyCode)) return false;
  if (!isCitizenOnly(principal)) return true;
  return !!principal.citizenId && resource.applicantIdNumber === principal.citizenId;
}
