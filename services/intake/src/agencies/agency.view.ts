import { AgencyEntity } from './agency.entity';
import type { AgencyResponse } from './agency.response';

/** An agency as the API shows it. */
export function toAgencyView(agency: AgencyEntity): AgencyResponse {
  return {
    code: agency.code,
    name: agency.name,
    parentCode: agency.parentCode,
    level: agency.level,
    officeHours: agency.officeHours,
    address: agency.address,
    createdAt: agency.createdAt.toISOString(),
  };
}

export type AgencyView = AgencyResponse;

export type AgencyTreeNode = AgencyView & { children: AgencyTreeNode[] };

/**
 * Nests a flat list (any order) under parents present in the list; agencies whose parent is absent
 * (outside the caller's scope, or the `under` root) become roots. Children are ordered by code.
 */
export function toAgencyTree(agencies: AgencyView[]): AgencyTreeNode[] {
  const nodes = new Map(agencies.map((a) => [a.code, { ...a, children: [] as AgencyTreeNode[] }]));
  const roots: AgencyTreeNode[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
