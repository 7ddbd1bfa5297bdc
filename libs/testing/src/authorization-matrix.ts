import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AccessRule, accessRuleOf, mintToken, NATIONAL_SCOPE } from '@motcua/auth';
import { ROLES, Role } from '@motcua/contracts';
import { InfraEnv, REPO_ROOT } from '@motcua/dev-stack';

export interface RouteRule {
  method: string;
  path: string;
  rule: AccessRule;
}

/** Every route the app's controllers declare, with the access rule the guard enforces on it. */
export function routeRulesOf(app: INestApplication): RouteRule[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: RouteRule[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat()[0] ?? '';
      for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, (...args: never[]) => unknown>)[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const full = `/${[base, [path].flat()[0]]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push({ method, path: full, rule: accessRuleOf(reflector, [handler, controller]) });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The agencies a token is tried with, relative to the department the fixtures live in. */
export const MATRIX_AGENCIES = {
  own: '000.00.12.H49',
  parent: '000.00.00.H49',
  sibling: '000.00.13.H49',
  national: NATIONAL_SCOPE,
} as const;
const MATRIX_CITIZEN = '001203004567';

/** Path parameters that pass format checks but name nothing, so a request that passes the guard changes nothing. */
const SAMPLE_PARAMS: Record<string, string> = {
  code: 'H49.99.99-991231-9999',
  id: '00000000-0000-4000-8000-000000000000',
  idNumber: '079999999999',
  fingerprint: '0'.repeat(64),
  procedureCode: '9.999999',
  componentCode: 'ZZ99',
};

export interface MatrixCall {
  route: string;
  caller: string;
  status: number;
  expected: string;
}

/**
 * What the guard must answer `caller`: refused (401/403 from the guard) or let through (anything else but a 5xx,
 * except the 503 with Retry-After of a route whose upstream service is not running in the test).
 */
function expectation(rule: AccessRule, roles: Role[] | undefined, agency: string | undefined): string {
  if (rule.public) return 'through';
  if (!roles) return '401';
  if (rule.roles.length === 0 || !rule.roles.some((role) => roles.includes(role))) return '403';
  if (rule.scope === 'national' && agency !== NATIONAL_SCOPE) return '403';
  return 'through';
}

/**
 * Calls every route with no token, then with a token of each role from the own agency, its parent, a sibling and
 * the national scope, and returns each call whose answer is not the expected one (an empty list when the matrix
 * holds). A route without a rule is refused to everyone, so it shows up here as a failure for its allowed callers.
 */
export async function walkAuthorizationMatrix(
  app: INestApplication,
  url: string,
  infra: InfraEnv,
): Promise<{ calls: number; wrong: MatrixCall[]; routes: RouteRule[] }> {
  const routes = routeRulesOf(app);
  const callers: { name: string; roles?: Role[]; agency?: string; token?: string }[] = [{ name: 'no token' }];
  for (const role of ROLES) {
    for (const [where, agency] of Object.entries(MATRIX_AGENCIES)) {
      callers.push({
        name: `${role}@${where}`,
        roles: [role],
        agency,
        token: await mintToken({
          privateKeyPem: infra.jwtPrivateKeyPem,
          issuer: infra.jwtIssuer,
          sub: `matrix-${role}-${where}`,
          roles: [role],
          agency,
          citizenId: role === 'citizen_portal' ? MATRIX_CITIZEN : undefined,
        }),
      });
    }
  }
  const wrong: MatrixCall[] = [];
  let calls = 0;
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x');
    for (const caller of callers) {
      const expected = expectation(route.rule, caller.roles, caller.agency);
      const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
      const response = await fetch(`${url}${path}`, {
        method: route.method,
        headers: {
          ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
        },
        body: hasBody ? '{}' : undefined,
      });
      calls += 1;
      const type = response.headers.get('content-type')?.includes('json')
        ? ((await response.json()) as { type?: string }).type
        : (await response.arrayBuffer(), undefined);
      const byGuard =
        response.status === 401 || (response.status === 403 && type === 'urn:motcua:problem:forbidden');
      const upstreamDown = response.status === 503 && response.headers.has('retry-after');
      const ok =
        expected === 'through'
          ? !byGuard && (response.status < 500 || upstreamDown)
          : String(response.status) === expected && byGuard;
      if (!ok)
        wrong.push({
          route: `${route.method} ${route.path}`,
          caller: caller.name,
          status: response.status,
          expected,
        });
    }
  }
  return { calls, wrong, routes };
}

const SCOPE_TEXT: Record<AccessRule['scope'], string> = {
  subtree: "own agency's subtree",
  shared: 'any agency (national reference data)',
  national: 'national token only (agency `*`)',
};

/** The routes × roles × scopes table of a service, as its README shows it. */
export function authorizationMatrixMarkdown(routes: RouteRule[]): string {
  const lines = [
    '| route | roles | agency scope | citizen_portal token |',
    '| ----- | ----- | ------------ | -------------------- |',
  ];
  for (const { method, path, rule } of routes) {
    const roles = rule.public ? 'public (no token)' : rule.roles.join(', ') || '**none: refused**';
    const scope = rule.public ? '—' : SCOPE_TEXT[rule.scope];
    const citizen = rule.public
      ? '—'
      : !rule.roles.includes('citizen_portal')
        ? 'refused'
        : rule.scope === 'shared'
          ? 'allowed'
          : "allowed; a dossier or record only if its citizen's (`citizen_id`)";
    lines.push(`| \`${method} ${path}\` | ${roles} | ${scope} | ${citizen} |`);
  }
  return lines.join('\n');
}

const START =
  '<!-- authorization-matrix:start (generated by the service-basics test; UPDATE_AUTH_MATRIX=1 rewrites it) -->';
const END = '<!-- authorization-matrix:end -->';

/**
 * The README's matrix section as it stands and as the routes make it. With UPDATE_AUTH_MATRIX=1 the README is
 * rewritten first, so a changed rule is one test run away from its documentation.
 */
export function readmeMatrix(service: string, routes: RouteRule[]): { documented: string; actual: string } {
  const file = join(REPO_ROOT, 'services', service, 'README.md');
  const actual = `${START}\n\n${authorizationMatrixMarkdown(routes)}\n\n${END}`;
  let text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (process.env.UPDATE_AUTH_MATRIX === '1') {
    text =
      start >= 0 && end > start
        ? `${text.slice(0, start)}${actual}${text.slice(end + END.length)}`
        : `${text.trimEnd()}\n\n## Authorization matrix\n\n${actual}\n`;
    writeFileSync(file, text);
  }
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const documented = from >= 0 && to > from ? text.slice(from, to + END.length) : '';
  return { documented: normalized(documented), actual: normalized(actual) };
}

/** Prettier aligns the table's columns; the comparison ignores that padding. */
function normalized(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' ').replace(/-{3,}/g, '---'))
    .filter(Boolean)
    .join('\n');
}
