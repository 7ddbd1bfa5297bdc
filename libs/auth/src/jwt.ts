import { readFileSync } from 'node:fs';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, errors as joseErrors, CryptoKey } from 'jose';
import { Role } from '@motcua/contracts';
import { isAgencyCode, NATIONAL_SCOPE } from './agency-scope';
import { isRole, Principal } from './principal';

export const JWT_ALGORITHM = 'ES256';

export class InvalidTokenError extends Error {}

export interface JwtVerifierSettings {
  publicKeyPem: string;
  issuer: string;
  /** The clock (tests move it); Date.now by default. */
  now?: () => number;
}

/** How long a verified token is remembered at most (its own expiry comes first), and how many are. */
const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;

/** Reads the public key from the PEM itself or from a file, whichever the config gives. */
export function resolvePublicKeyPem(config: {
  AUTH_JWT_PUBLIC_KEY: string;
  AUTH_JWT_PUBLIC_KEY_FILE: string;
}): string {
  if (config.AUTH_JWT_PUBLIC_KEY) return config.AUTH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n');
  if (config.AUTH_JWT_PUBLIC_KEY_FILE) return readFileSync(config.AUTH_JWT_PUBLIC_KEY_FILE, 'utf8');
  throw new Error('AUTH_JWT_PUBLIC_KEY or AUTH_JWT_PUBLIC_KEY_FILE must be set');
}

/**
 * Verifies ES256 bearer tokens. A client sends the same token with every request until it expires, so a token that
 * verified is remembered by its exact text until its `exp` (at most VERIFIED_TTL_MS): the signature check costs
 * about a millisecond of CPU, a visible share of a small upload. Only successes are remembered; a token that differs
 * by one character is verified afresh.
 */
export class JwtVerifier {
  private key: Promise<CryptoKey>;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  private readonly now: () => number;

  constructor(private readonly settings: JwtVerifierSettings) {
    this.key = importSPKI(settings.publicKeyPem, JWT_ALGORITHM);
    this.now = settings.now ?? Date.now;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.verified.get(token);
    if (known && now < known.until) return known.principal;
    if (known) this.verified.delete(token);
    const { principal, expiresAt } = await this.verifyAt(token, now);
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { principal, until: Math.min(expiresAt, now + VERIFIED_TTL_MS) });
    return principal;
  }

  private async verifyAt(token: string, now: number): Promise<{ principal: Principal; expiresAt: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: [JWT_ALGORITHM],
        issuer: this.settings.issuer,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now),
      }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'token expired' : 'token invalid';
      throw new InvalidTokenError(reason);
    }
    const roles = payload['roles'];
    const agency = payload['agency'];
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      throw new InvalidTokenError('token has no valid roles claim');
    }
    if (typeof agency !== 'string' || (agency !== NATIONAL_SCOPE && !isAgencyCode(agency))) {
      throw new InvalidTokenError('token has no valid agency claim');
    }
    return {
      principal: { sub: payload.sub as string, roles, agency },
      expiresAt: (payload.exp as number) * 1000,
    };
  }
}

export interface MintTokenParams {
  privateKeyPem: string;
  issuer: string;
  sub: string;
  roles: Role[];
  agency: string;
  /** Lifetime in seconds; defaults to 12 hours (a desk shift). */
  expiresInSeconds?: number;
}

/** Signs a token the services accept: development and tests only (production tokens come from the identity provider). */
export async function mintToken(params: MintTokenParams): Promise<string> {
  const key = await importPKCS8(params.privateKeyPem, JWT_ALGORITHM);
  return new SignJWT({ roles: params.roles, agency: params.agency })
    .setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT' })
    .setSubject(params.sub)
    .setIssuer(params.issuer)
    .setIssuedAt()
    .setExpirationTime(`${params.expiresInSeconds ?? 12 * 3600}s`)
    .sign(key);
}
