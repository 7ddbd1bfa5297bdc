import { MigrationInterface, QueryRunner } from 'typeorm';

export class KnownDossierStatus1764806400000 implements MigrationInterface {
  name = 'KnownDossierStatus1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows learned before statuses were tracked stay NULL (unknown) until their dossier's next status event.
    await queryRunner.query('ALTER TABLE known_dossier ADD COLUMN status text');
    await queryRunner.query('ALTER TABLE known_dossier ADD COLUMN status_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE known_dossier DROP COLUMN status_at');
    await queryRunner.query('ALTER TABLE known_dossier DROP COLUMN status');
  }
}
