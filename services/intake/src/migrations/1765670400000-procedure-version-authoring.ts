import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions added through the API: who added each (the seed's rows have none), and the government level that
 * decides the procedure from that version on when a decree moves it (null = the procedure's own level).
 */
export class ProcedureVersionAuthoring1765670400000 implements MigrationInterface {
  name = 'ProcedureVersionAuthoring1765670400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE procedure_version ADD COLUMN agency_level text, ADD COLUMN created_by text,
         ADD CONSTRAINT procedure_version_agency_level_check
           CHECK (agency_level IS NULL OR agency_level IN ('MINISTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE procedure_version DROP CONSTRAINT procedure_version_agency_level_check,
         DROP COLUMN created_by, DROP COLUMN agency_level`,
    );
  }
}
