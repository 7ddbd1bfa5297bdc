import { QueryRunner } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes a table append-only for every role but its owner (the migration role): whoever may write to it can add rows
 * and never change or remove them. For audit trails such as the control sheet and the registry access log.
 */
export async function makeAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  if (!IDENTIFIER.test(table)) throw new Error(`unsafe table name: ${table}`);
  await queryRunner.query(`
    DO $$
    DECLARE grantee_role text;
    BEGIN
      REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC;
      FOR grantee_role IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
         WHERE table_schema = current_schema() AND table_name = '${table}'
           AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND grantee <> current_user
      LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM %I', grantee_role);
      END LOOP;
    END $$`);
}
