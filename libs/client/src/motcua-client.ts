import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as DataSharingPaths } from './generated/data-sharing';
import type { paths as DigitizationPaths } from './generated/digitization';
import type { paths as EsignaturePaths } from './generated/esignature';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as MetricsPaths } from './generated/metrics';
import type { paths as PopulationRegistryStubPaths } from './generated/population-registry-stub';

/** The paths of each service's OpenAPI document (openapi/<service>.json), by service name. */
export interface MotcuaPaths {
  intake: IntakePaths;
  digitization: DigitizationPaths;
  esignature: EsignaturePaths;
  'data-sharing': DataSharingPaths;
  'population-registry-stub': PopulationRegistryStubPaths;
  metrics: MetricsPaths;
}

export type MotcuaService = keyof MotcuaPaths;

/** A typed client of one service: `client.POST('/dossiers', { body })` resolves to `{ data, error, response }`. */
export type MotcuaClient<S extends MotcuaService> = Client<MotcuaPaths[S]>;

export interface MotcuaClientOptions {
  /** The service's root URL, e.g. `https://intake.motcua.example.gov.vn`. */
  baseUrl: string;
  /**
   * The bearer token (a JWT of the agency's identity provider). A function is called before each request, so a
   * portal can hand out a refreshed token without recreating the client. Omit it for the public endpoints.
   */
  token?: string | (() => string | Promise<string>);
  /** `vi` for problem titles and details in Vietnamese (clerks read them); English otherwise. */
  acceptLanguage?: string;
  /** A custom fetch (tests, proxies); globalThis.fetch by default. */
  fetch?: (input: Request) => Promise<Response>;
}

/** A typed client for one motcua service, built on openapi-fetch with the token and language set on every call. */
export function createMotcuaClient<S extends MotcuaService>(
  _service: S,
  { baseUrl, token, acceptLanguage, fetch }: MotcuaClientOptions,
): MotcuaClient<S> {
  const client = createClient<MotcuaPaths[S]>({ baseUrl: baseUrl.replace(/\/+$/, ''), fetch });
  const headers: Middleware = {
    async onRequest({ request }) {
      const bearer = typeof token === 'function' ? await token() : token;
      // A header set by the call itself (another token, another language) wins over the client's.
      if (bearer !== undefined && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${bearer}`);
      if (acceptLanguage !== undefined && !request.headers.has('accept-language'))
        request.headers.set('accept-language', acceptLanguage);
      return request;
    },
  };
  client.use(headers);
  return client;
}
