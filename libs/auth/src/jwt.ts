import { readFileSync } from 'node:fs';
import {
  createRemoteJWKSet,
  importPKCS8,
  importSPKI,
  jwtVerify,
  SignJWT,
  errors as joseErrors,
  CryptoKey,
  JWTVerifyGetKey,
} from 'jose';
import { Role } from '@motcua/contracts';
import { isAgencyCode, NATIONAL_SCOPE } from './agency-scope';
import { CITIZEN_ID_CLAIM, isCitizenId, isRole, Principal } from './principal';

export const JWT_ALGORITHM = 'ES256';
/** The audience the services expect unless configured otherwise (AUTH_JWT_AUDIENCE). */
export const DEFAULT_AUDIENCE = 'motcua';

export class InvalidTokenError extends Error {}

/** The identity provider's key set could not be fetched: the caller should retry, the token may be fine. */
export class KeySetUnavailableError extends Error {}

export interface JwtVerifierSettings {
  /** The local verification key (the default for `npm start`); ignored when `jwksUrl` is set. */
  publicKeyPem?: string;
  /** An identity provider's JWKS endpoint (e.g. Keycloak's `/realms/<r>/protocol/openid-connect/certs`). */
  jwksUrl?: string;
  issuer: string;
  /** Least time between two key-set fetches (an unknown `kid` refetches); 30 s by default. */
  jwksCooldownMs?: number;
  /** The `aud` the token must name; DEFAULT_AUDIENCE when absent. */
  audience?: string;
  /** The clock (tests move it); Date.now by default. */
  now?: () => number;
}

/** How long a verified token is remembered at most (its own expiry comes first), and how many are. */
const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;
/**
 * Key-set fetching is bounded: a fetch waits at most 5 s, the set is kept 10 min, and a token with an unknown `kid`
 * (the provider rotated its keys) refetches the set at most once every 30 s, so forged kids cannot flood the IdP.
 */
const JWKS_OPTIONS = { timeoutDuration: 5_000, cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 };

/** Reads the public key from the PEM itself or from a file, whichever the config gives; none when a JWKS URL is set. */
export function resolvePublicKeyPem(config: {
  AUTH_JWT_PUBLIC_KEY: string;
  AUTH_JWT_PUBLIC_KEY_FILE: string;
  AUTH_JWKS_URL?: string;
}): string | undefined {
  if (config.AUTH_JWKS_URL) return undefined;
  if (config.AUTH_JWT_PUBLIC_KEY) return config.AUTH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n');
  if (config.AUTH_JWT_PUBLIC_KEY_FILE) return readFileSync(config.AUTH_JWT_PUBLIC_KEY_FILE, 'utf8');
  throw new Error('AUTH_JWKS_URL, AUTH_JWT_PUBLIC_KEY or AUTH_JWT_PUBLIC_KEY_FILE must be set');
}

type KeySource = Promise<CryptoKey> | JWTVerifyGetKey;

/**
 * Verifies ES256 bearer tokens: signature (local key or the IdP's JWKS), issuer, audience, expiry, and the motcua
 * claims. A client sends the same token with every request until it expires, so a token that verified is
 * remembered by its exact text until its `exp` (at most VERIFIED_TTL_MS): the signature check costs about a
 * millisecond of CPU, a visible share of a small upload. Only successes are remembered.
 */
export class JwtVerifier {
  private readonly key: KeySource;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  private readonly now: () => number;

  constructor(private readonly settings: JwtVerifierSettings) {
    if (settings.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl), {
        ...JWKS_OPTIONS,
        cooldownDuration: settings.jwksCooldownMs ?? JWKS_OPTIONS.cooldownDuration,
      });
    } else if (settings.publicKeyPem) {
      this.key = importSPKI(settings.publicKeyPem, JWT_ALGORITHM);
    } else {
      throw new Error('JwtVerifier needs a public key or a JWKS URL');
    }
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
      const options = {
        algorithms: [JWT_ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience ?? DEFAULT_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now),
      };
      const key = this.key;
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, await key, options));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || isFetchFailure(error)) {
        throw new KeySetUnavailableError('the identity provider key set could not be fetched');
      }
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw new InvalidTokenError('token is for another audience');
      }
      throw new InvalidTokenError('token invalid');
    }
    const roles = payload['roles'];
    const agency = payload['agency'];
    const citizenId = payload[CITIZEN_ID_CLAIM];
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
      throw new InvalidTokenError('token has no valid roles claim');
    }
    if (typeof agency !== 'string' || (agency !== NATIONAL_SCOPE && !isAgencyCode(agency))) {
      throw new InvalidTokenError('token has no valid agency claim');
    }
    if (citizenId !== undefined && !isCitizenId(citizenId)) {
      throw new InvalidTokenError(`token has a malformed ${CITIZEN_ID_CLAIM} claim`);
    }
    if (roles.includes('citizen_portal') && citizenId === undefined) {
      throw new InvalidTokenError(`a citizen_portal token must name the citizen (${CITIZEN_ID_CLAIM} claim)`);
    }
    return {
      principal: {
        sub: payload.sub as string,
        roles,
        agency,
        ...(citizenId !== undefined ? { citizenId: citizenId as string } : {}),
      },
      expiresAt: (payload.exp as number) * 1000,
    };
  }
}

/** jose reports an unreachable JWKS endpoint as the fetch's own error (or a non-200 as JOSEError 'JWKS…'). */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof joseErrors.JOSEError) return error.code === 'ERR_JOSE_GENERIC';
  // Compared by name: under jest's VM modules the fetch error comes from another realm's TypeError.
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  return (name === 'TypeError' && /fetch/i.test(message ?? '')) || name === 'AbortError';
}

export interface MintTokenParams {
  privateKeyPem: string;
  issuer: string;
  sub: string;
  roles: Role[];
  agency: string;
  /** The citizen a citizen_portal token speaks for (their 12-digit ID number). */
  citizenId?: string;
  /** Defaults to DEFAULT_AUDIENCE. */
  audience?: string;
  /** Key id written into the header (an IdP's rotating keys are told apart by it). */
  kid?: string;
  /** Lifetime in seconds; defaults to 12 hours (a desk shift). */
  expiresInSeconds?: number;
}

/** Signs a token the services accept: development and tests only (production tokens come from the identity provider). */
export async function mintToken(params: MintTokenParams): Promise<string> {
  const key = await importPKCS8(params.privateKeyPem, JWT_ALGORITHM);
  return new SignJWT({
    roles: params.roles,
    agency: params.agency,
    ...(params.citizenId !== undefined ? { [CITIZEN_ID_CLAIM]: params.citizenId } : {}),
  })
    .setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT', ...(params.kid ? { kid: params.kid } : {}) })
    .setSubject(params.sub)
    .setIssuer(params.issuer)
    .setAudience(params.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${params.expiresInSeconds ?? 12 * 3600}s`)
    .sign(key);
}
