import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dossiers registry lookups are bound to; the ones already received are known from their verification. */
export class PurposeDossiers1765065600000 implements MigrationInterface {
  name = 'PurposeDossiers1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE purpose_dossier (
        code text CONSTRAINT purpose_dossier_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        party_id_numbers text[] NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE purpose_party (
        dossier_code text NOT NULL,
        id_number text NOT NULL,
        CONSTRAINT purpose_party_pkey PRIMARY KEY (dossier_code, id_number)
      )`);
    await queryRunner.query(`
      INSERT INTO purpose_dossier (code, agency_code, party_id_numbers)
      SELECT dossier_code, agency_code, ARRAY[id_number] FROM verification_request`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE purpose_party');
    await queryRunner.query('DROP TABLE purpose_dossier');
  }
}
