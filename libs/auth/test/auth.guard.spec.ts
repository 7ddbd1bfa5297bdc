import {
  ExecutionContext,
  ForbiddenException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { Roles, Scope } from '../src/access-rule';
import { AuthGuard } from '../src/auth.guard';
import { JwtVerifier, mintToken } from '../src/jwt';
import { principalReaches } from '../src/principal';
import { Public } from '../src/public.decorator';

class Routes {
  @Public()
  open() {}

  @Roles('clerk')
  desk() {}

  @Roles('admin')
  @Scope('national')
  trust() {}

  noRule() {}
}

describe('AuthGuard', () => {
  let privateKeyPem: string;
  let guard: AuthGuard;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKeyPem = await exportPKCS8(pair.privateKey);
    const verifier = new JwtVerifier({
      publicKeyPem: await exportSPKI(pair.publicKey),
      issuer: 'motcua-test',
    });
    guard = new AuthGuard(verifier, new Reflector());
  });

  const token = (roles: string[], agency: string) =>
    mintToken({ privateKeyPem, issuer: 'motcua-test', sub: 's', roles: roles as never, agency });

  const headers: Record<string, string> = {};
  const context = (handler: keyof Routes, authorization?: string): ExecutionContext =>
    ({
      getHandler: () => Routes.prototype[handler],
      getClass: () => Routes,
      switchToHttp: () => ({
        getRequest: () => ({ headers: authorization ? { authorization } : {} }),
        getResponse: () => ({ setHeader: (name: string, value: string) => (headers[name] = value) }),
      }),
    }) as unknown as ExecutionContext;

  it('lets anyone through a public route, and asks every other route for a token', async () => {
    await expect(guard.canActivate(context('open'))).resolves.toBe(true);
    await expect(guard.canActivate(context('desk'))).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(context('desk', 'Bearer not-a-jwt'))).rejects.toThrow(
      UnauthorizedException,
    );
  });

  it('checks the role, and refuses a route that declares no rule to every token', async () => {
    const clerk = `Bearer ${await token(['clerk'], '000.00.12.H49')}`;
    await expect(guard.canActivate(context('desk', clerk))).resolves.toBe(true);
    const officer = `Bearer ${await token(['officer'], '000.00.12.H49')}`;
    await expect(guard.canActivate(context('desk', officer))).rejects.toThrow(ForbiddenException);
    const national = `Bearer ${await token(['clerk', 'officer', 'auditor', 'admin'], '*')}`;
    await expect(guard.canActivate(context('noRule', national))).rejects.toThrow('no access rule');
  });

  it('lets only a national token (agency *) change a national resource', async () => {
    for (const agency of ['000.00.12.H49', '000.00.00.H49']) {
      const admin = `Bearer ${await token(['admin'], agency)}`;
      await expect(guard.canActivate(context('trust', admin))).rejects.toThrow('national token');
    }
    await expect(guard.canActivate(context('trust', `Bearer ${await token(['admin'], '*')}`))).resolves.toBe(
      true,
    );
  });

  it('answers 503 with Retry-After when the identity provider cannot be reached', async () => {
    const down = new AuthGuard(
      new JwtVerifier({ jwksUrl: 'http://127.0.0.1:1/certs', issuer: 'motcua-test' }),
      new Reflector(),
    );
    await expect(down.canActivate(context('desk', `Bearer ${await token(['clerk'], '*')}`))).rejects.toThrow(
      ServiceUnavailableException,
    );
    expect(headers['Retry-After']).toBe('5');
  });
});

describe('principalReaches', () => {
  const dossier = { agencyCode: '000.00.12.H49', applicantIdNumber: '001203004567' };
  it('needs the agency subtree, and for a citizen token also the citizen', () => {
    expect(principalReaches({ sub: 'c', roles: ['clerk'], agency: '000.00.00.H49' }, dossier)).toBe(true);
    expect(principalReaches({ sub: 'c', roles: ['clerk'], agency: '000.00.13.H49' }, dossier)).toBe(false);
    const citizen = { sub: 'p', roles: ['citizen_portal' as const], agency: '000.00.00.H49' };
    expect(principalReaches({ ...citizen, citizenId: '001203004567' }, dossier)).toBe(true);
    expect(principalReaches({ ...citizen, citizenId: '001203009999' }, dossier)).toBe(false);
    expect(principalReaches(citizen, dossier)).toBe(false);
    // A staff role next to the portal role acts as staff.
    expect(principalReaches({ ...citizen, roles: ['citizen_portal', 'clerk'] }, dossier)).toBe(true);
  });
});
