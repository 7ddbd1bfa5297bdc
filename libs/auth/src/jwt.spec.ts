import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { InvalidTokenError, JwtVerifier, mintToken } from './jwt';

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
});
