import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { postgresUrl } from '@motcua/persistence';

/** The repository root: where `.local/` (infrastructure data and generated credentials) lives. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export interface InfraEnv {
  pgHost: string;
  pgPort: number;
  pgDatabase: string;
  pgAdminUrl: string;
  pgAppPassword: string;
  kafkaBrokers: string;
  s3Endpoint: string;
  s3Region: string;
  s3AccessKey: string;
  s3SecretKey: string;
  jwtIssuer: string;
  jwtPrivateKeyPem: string;
  jwtPublicKeyPem: string;
}

export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/**
 * Reads the credentials infra/local generated (`.local/infra.env`); variables already in the
 * environment win, so CI or a Docker run can point the tests elsewhere.
 */
export function loadInfraEnv(env: NodeJS.ProcessEnv = process.env): InfraEnv {
  const file = env.MOTCUA_INFRA_ENV ?? join(REPO_ROOT, '.local/infra.env');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: start the infrastructure first (npm run infra:up), or run npm test.`,
    );
  }
  const values = { ...parseEnvFile(readFileSync(file, 'utf8')), ...env } as Record<string, string>;
  const need = (key: string) => {
    const value = values[key];
    if (!value) throw new Error(`${key} is not set in ${file} or the environment`);
    return value;
  };
  const fromRoot = (path: string) => (path.startsWith('/') ? path : join(REPO_ROOT, path));
  return {
    pgHost: need('PG_HOST'),
    pgPort: Number(need('PG_PORT')),
    pgDatabase: need('PG_DATABASE'),
    pgAdminUrl: postgresUrl({
      host: need('PG_HOST'),
      port: need('PG_PORT'),
      database: need('PG_DATABASE'),
      user: need('PG_SUPERUSER'),
      password: need('PG_SUPERUSER_PASSWORD'),
    }),
    pgAppPassword: need('PG_APP_PASSWORD'),
    kafkaBrokers: need('KAFKA_BROKERS'),
    s3Endpoint: need('S3_ENDPOINT'),
    s3Region: need('S3_REGION'),
    s3AccessKey: need('S3_ACCESS_KEY'),
    s3SecretKey: need('S3_SECRET_KEY'),
    jwtIssuer: need('JWT_ISSUER'),
    jwtPrivateKeyPem: readFileSync(fromRoot(need('JWT_PRIVATE_KEY_FILE')), 'utf8'),
    jwtPublicKeyPem: readFileSync(fromRoot(need('JWT_PUBLIC_KEY_FILE')), 'utf8'),
  };
}
