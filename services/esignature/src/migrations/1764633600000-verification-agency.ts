import { MigrationInterface, QueryRunner } from 'typeorm';

export class VerificationAgency1764633600000 implements MigrationInterface {
  name = 'VerificationAgency1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The agency a report belongs to (the dossier's, or the uploader's): reports are read within agency scope.
    await queryRunner.query('ALTER TABLE verification ADD COLUMN agency_code text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE verification DROP COLUMN agency_code');
  }
}
