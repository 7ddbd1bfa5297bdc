import { Client } from 'pg';

export interface ServiceDatabaseRoles {
  schema: string;
  /** Owns the schema; migrations run as this role. */
  ownerRole: string;
  /** What the running service connects as: data rights only, no DDL. */
  appRole: string;
  password: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const ident = (name: string) => {
  if (!IDENTIFIER.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
};
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function serviceRoles(schema: string, password: string): ServiceDatabaseRoles {
  return { schema, ownerRole: `${schema}_owner`, appRole: `${schema}_app`, password };
}

/**
 * Creates (idempotently) a service's schema with an owner role for migrations and an app role
 * for the running service. Tables the owner creates later are granted to the app role by default,
 * so a migration can still take rights away (e.g. UPDATE/DELETE on an append-only log).
 * Local development and tests only: in production the DBA or operator provisions roles.
 */
export async function provisionServiceDatabase(adminUrl: string, roles: ServiceDatabaseRoles): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Serialise concurrent provisioning (parallel test files) on one advisory lock.
    await client.query('SELECT pg_advisory_lock(74201)');
    for (const role of [roles.ownerRole, roles.appRole]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(`${verb} ROLE ${ident(role)} LOGIN PASSWORD ${literal(roles.password)}`);
    }
    const owner = ident(roles.ownerRole);
    const app = ident(roles.appRole);
    const schema = ident(roles.schema);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
    );
  } finally {
    await client.query('SELECT pg_advisory_unlock(74201)').catch(() => undefined);
    await client.end();
  }
}

/** Drops a schema and its two roles (test clean-up). */
export async function dropServiceDatabase(adminUrl: string, roles: ServiceDatabaseRoles): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${ident(roles.schema)} CASCADE`);
    for (const role of [roles.appRole, roles.ownerRole]) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!exists.rowCount) continue;
      await client.query(`DROP OWNED BY ${ident(role)} CASCADE`);
      await client.query(`DROP ROLE ${ident(role)}`);
    }
  } finally {
    await client.end();
  }
}

/** postgres://role:password@host:port/db built from parts, with the password escaped. */
export function postgresUrl(parts: {
  host: string;
  port: number | string;
  database: string;
  user: string;
  password: string;
}) {
  return `postgres://${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}@${parts.host}:${parts.port}/${parts.database}`;
}
