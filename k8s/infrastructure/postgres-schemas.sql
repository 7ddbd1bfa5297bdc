-- Run once by CloudNativePG at initdb, as the superuser, in the `motcua` database (postgres.yaml).
-- The statements of provisionServiceDatabase (libs/persistence/src/provisioning.ts) without passwords:
-- the roles start NOLOGIN, and the operator's managed roles give them LOGIN and their Secrets' passwords.
DO $$
DECLARE
  schema_name text;
BEGIN
  FOREACH schema_name IN ARRAY ARRAY['intake', 'digitization', 'esignature', 'data_sharing', 'metrics'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = schema_name || '_owner') THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', schema_name || '_owner');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = schema_name || '_app') THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', schema_name || '_app');
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', schema_name, schema_name || '_owner');
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, schema_name || '_app');
    EXECUTE format(
      'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
      schema_name || '_owner', schema_name, schema_name || '_app');
    EXECUTE format(
      'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
      schema_name || '_owner', schema_name, schema_name || '_app');
  END LOOP;
END
$$;
