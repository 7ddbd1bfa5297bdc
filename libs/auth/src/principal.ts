import { Role, ROLES } from '@motcua/contracts';

/** Who is calling, as the verified token says. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Agency code whose subtree the caller may see, or `*` (national auditors). */
  agency: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
