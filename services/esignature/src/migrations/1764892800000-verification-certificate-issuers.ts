import { MigrationInterface, QueryRunner } from 'typeorm';

export class VerificationCertificateIssuers1764892800000 implements MigrationInterface {
  name = 'VerificationCertificateIssuers1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Whose CRLs decide a report: a new CRL of one of these issuers re-queues the document. Reports made before
    // this column did not record their paths and stay empty (re-verified on request only).
    await queryRunner.query(
      `ALTER TABLE verification ADD COLUMN certificate_issuers text[] NOT NULL DEFAULT '{}'::text[]`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE verification DROP COLUMN certificate_issuers');
  }
}
