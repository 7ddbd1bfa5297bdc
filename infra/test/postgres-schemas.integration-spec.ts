// k8s/infrastructure/postgres-schemas.sql (run by CloudNativePG at initdb) must give each service the
// schema, ownership and grants that provisionServiceDatabase (libs/persistence) gives it locally and in
// every test, since the migrations and the services are only ever tested against the latter. Both run here
// on the real Postgres, for names of their own, and what they produced is compared from the catalogue.
import { loadInfraEnv } from '@motcua/dev-stack';
import { dropServiceDatabase, provisionServiceDatabase, serviceRoles } from '@motcua/persistence';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { repoRoot } from './repository-facts';

const sqlFile = join(repoRoot, 'k8s/infrastructure/postgres-schemas.sql');
const SCHEMA_LIST = /ARRAY\[('[a-z_]+'(?:, '[a-z_]+')*)\]/;

/** The file's statements for other schema names (its roles are created cluster-wide). */
function schemasSqlFor(names: string[]): string {
  const sql = readFileSync(sqlFile, 'utf8');
  if (!SCHEMA_LIST.test(sql))
    throw new Error(`${sqlFile}: no ARRAY['schema', ...] to run the statements for`);
  return sql.replace(SCHEMA_LIST, `ARRAY[${names.map((n) => `'${n}'`).join(', ')}]`);
}

/** What a schema looks like in the catalogue, with its own name replaced by <schema>. */
async function describeSchema(client: Client, schema: string) {
  const generic = (value: unknown) => JSON.stringify(value).split(schema).join('<schema>');
  const namespace = await client.query(
    'SELECT nspowner::regrole::text AS owner, nspacl::text[] AS acl FROM pg_namespace WHERE nspname = $1',
    [schema],
  );
  const defaults = await client.query(
    `SELECT d.defaclrole::regrole::text AS role, d.defaclobjtype AS type, d.defaclacl::text[] AS acl
       FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
      WHERE n.nspname = $1 ORDER BY d.defaclobjtype`,
    [schema],
  );
  return { schema: generic(namespace.rows), defaultPrivileges: generic(defaults.rows) };
}

describe('k8s/infrastructure/postgres-schemas.sql', () => {
  const infra = loadInfraEnv();
  const tag = `k8s${randomBytes(3).toString('hex')}`;
  const operatorSchema = `${tag}_op`;
  const localSchema = `${tag}_local`;
  const client = new Client({ connectionString: infra.pgAdminUrl });

  beforeAll(async () => {
    await client.connect();
    // Twice: the statements must be safe to run again (a re-created cluster, a restored backup).
    await client.query(schemasSqlFor([operatorSchema]));
    await client.query(schemasSqlFor([operatorSchema]));
    await provisionServiceDatabase(
      infra.pgAdminUrl,
      serviceRoles(localSchema, randomBytes(12).toString('hex')),
    );
  });

  afterAll(async () => {
    for (const schema of [operatorSchema, localSchema]) {
      await dropServiceDatabase(infra.pgAdminUrl, serviceRoles(schema, ''));
    }
    await client.end();
  });

  it('names the schema of every service with a database', () => {
    const listed = SCHEMA_LIST.exec(readFileSync(sqlFile, 'utf8'))![1].replace(/'/g, '').split(', ');
    expect(listed.sort()).toEqual(['data_sharing', 'digitization', 'esignature', 'intake', 'metrics']);
  });

  it('creates what provisionServiceDatabase creates (owner, grants, default privileges)', async () => {
    const operator = await describeSchema(client, operatorSchema);
    expect(operator.defaultPrivileges).not.toBe('[]');
    expect(operator).toEqual(await describeSchema(client, localSchema));
  });

  it('leaves the roles without login until the operator gives them their passwords', async () => {
    const roles = await client.query(
      'SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname',
      [`${operatorSchema}\\_%`],
    );
    expect(roles.rows).toEqual([
      {
        rolname: `${operatorSchema}_app`,
        rolcanlogin: false,
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
      },
      {
        rolname: `${operatorSchema}_owner`,
        rolcanlogin: false,
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
      },
    ]);
  });
});
