import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { InvalidTokenError, JwtVerifier, KeySetUnavailableError, mintToken } from '../src/jwt';

describe('JWT verification', () => {
  let privateKeyPem: string;
  let publicKeyPem: string;
  let verifier: JwtVerifier;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    privateKeyPem = await exportPKCS8(privateKey);
    publicKeyPem = await exportSPKI(publicKey);
    verifier = new JwtVerifier({ publicKeyPem, issuer: 'motcua-test' });
  });

  const mint = (overrides: Partial<Parameters<typeof mintToken>[0]> = {}) =>
    mintToken({
      privateKeyPem,
      issuer: 'motcua-test',
      sub: 'clerk-1',
      roles: ['clerk'],
      agency: '000.00.12.H49',
      ...overrides,
    });

  it('accepts a token it can verify and returns the principal', async () => {
    await expect(verifier.verify(await mint())).resolves.toEqual({
      sub: 'clerk-1',
      roles: ['clerk'],
      agency: '000.00.12.H49',
    });
  });

  it('refuses another issuer, an expired token and a token signed by another key', async () => {
    await expect(verifier.verify(await mint({ issuer: 'someone-else' }))).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(await mint({ expiresInSeconds: -10 }))).rejects.toThrow('token expired');
    const other = await generateKeyPair('ES256', { extractable: true });
    const forged = await mintToken({
      privateKeyPem: await exportPKCS8(other.privateKey),
      issuer: 'motcua-test',
      sub: 'x',
      roles: ['admin'],
      agency: '*',
    });
    await expect(verifier.verify(forged)).rejects.toThrow('token invalid');
  });

  it('refuses unknown roles and malformed agencies', async () => {
    await expect(verifier.verify(await mint({ roles: ['root' as never] }))).rejects.toThrow('roles');
    await expect(verifier.verify(await mint({ agency: 'H49' }))).rejects.toThrow('agency');
  });

  it('refuses the "none" algorithm and HS256 tokens', async () => {
    const hs = await new SignJWT({ roles: ['admin'], agency: '*' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('motcua-test')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-a-shared-secret!'));
    await expect(verifier.verify(hs)).rejects.toThrow(InvalidTokenError);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    await expect(verifier.verify(none)).rejects.toThrow(InvalidTokenError);
  });

  describe('remembering verified tokens', () => {
    it('still refuses a remembered token once it has expired', async () => {
      let clock = Date.now();
      const clocked = new JwtVerifier({ publicKeyPem, issuer: 'motcua-test', now: () => clock });
      const token = await mint({ expiresInSeconds: 60 });
      await expect(clocked.verify(token)).resolves.toMatchObject({ sub: 'clerk-1' });
      clock += 30_000;
      await expect(clocked.verify(token)).resolves.toMatchObject({ sub: 'clerk-1' });
      clock += 31_000;
      await expect(clocked.verify(token)).rejects.toThrow('token expired');
    });

    it('verifies afresh a token that differs from a remembered one, and never remembers a failure', async () => {
      const clocked = new JwtVerifier({ publicKeyPem, issuer: 'motcua-test' });
      const token = await mint();
      await clocked.verify(token);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const widened = Buffer.from(JSON.stringify({ ...claims, agency: '*' })).toString('base64url');
      await expect(clocked.verify(`${header}.${widened}.${signature}`)).rejects.toThrow('token invalid');
      await expect(clocked.verify(`${header}.${widened}.${signature}`)).rejects.toThrow('token invalid');
      await expect(clocked.verify(token)).resolves.toMatchObject({ agency: '000.00.12.H49' });
    });
  });

  it('checks the audience', async () => {
    await expect(verifier.verify(await mint({ audience: 'another-app' }))).rejects.toThrow(
      'token is for another audience',
    );
    const own = new JwtVerifier({ publicKeyPem, issuer: 'motcua-test', audience: 'portal-api' });
    await expect(own.verify(await mint({ audience: 'portal-api' }))).resolves.toMatchObject({
      sub: 'clerk-1',
    });
    await expect(own.verify(await mint())).rejects.toThrow('another audience');
  });

  it('requires a citizen_portal token to name its citizen, and returns who it is', async () => {
    await expect(verifier.verify(await mint({ roles: ['citizen_portal'] }))).rejects.toThrow('citizen_id');
    await expect(
      verifier.verify(await mint({ roles: ['citizen_portal'], citizenId: '0012' })),
    ).rejects.toThrow('malformed citizen_id');
    await expect(
      verifier.verify(await mint({ roles: ['citizen_portal'], citizenId: '001203004567' })),
    ).resolves.toEqual({
      sub: 'clerk-1',
      roles: ['citizen_portal'],
      agency: '000.00.12.H49',
      citizenId: '001203004567',
    });
  });

  describe('keys from an identity provider (JWKS)', () => {
    let server: Server;
    let keys: object[] = [];
    let fetches = 0;
    let url: string;

    beforeAll(async () => {
      server = createServer((_request, response) => {
        fetches += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const idpKey = async (kid: string) => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      return {
        kid,
        privateKeyPem: await exportPKCS8(pair.privateKey),
        jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' },
      };
    };

    it('verifies with the published key, follows a rotation and refuses a retired or unknown kid', async () => {
      const first = await idpKey('k1');
      const second = await idpKey('k2');
      keys = [first.jwk];
      fetches = 0;
      const jwks = new JwtVerifier({ jwksUrl: url, issuer: 'motcua-test', jwksCooldownMs: 300 });
      const signed = (key: typeof first, sub: string) =>
        mintToken({ ...key, issuer: 'motcua-test', sub, roles: ['clerk'], agency: '000.00.12.H49' });
      await expect(jwks.verify(await signed(first, 'a'))).resolves.toMatchObject({ sub: 'a' });
      await expect(jwks.verify(await signed(first, 'b'))).resolves.toMatchObject({ sub: 'b' });
      expect(fetches).toBe(1);
      // The provider rotates: k2 is published, k1 retired. An unknown kid refetches the set once.
      keys = [second.jwk];
      await new Promise((resolve) => setTimeout(resolve, 350));
      await expect(jwks.verify(await signed(second, 'c'))).resolves.toMatchObject({ sub: 'c' });
      expect(fetches).toBe(2);
      // A forged kid within the cooldown costs no further fetch, and is refused.
      const stranger = await idpKey('k9');
      await expect(jwks.verify(await signed(stranger, 'd'))).rejects.toThrow(InvalidTokenError);
      await expect(jwks.verify(await signed(stranger, 'e'))).rejects.toThrow(InvalidTokenError);
      expect(fetches).toBe(2);
      // Signed by the right key id but not the published key: refused.
      await expect(jwks.verify(await signed({ ...stranger, kid: 'k2' }, 'f'))).rejects.toThrow(
        'token invalid',
      );
    });

    it('reports an unreachable identity provider as unavailable, not as a bad token', async () => {
      const key = await idpKey('k1');
      const down = new JwtVerifier({ jwksUrl: 'http://127.0.0.1:1/certs', issuer: 'motcua-test' });
      const token = await mintToken({
        ...key,
        issuer: 'motcua-test',
        sub: 'x',
        roles: ['clerk'],
        agency: '*',
      });
      await expect(down.verify(token)).rejects.toThrow(KeySetUnavailableError);
    });
  });
});
