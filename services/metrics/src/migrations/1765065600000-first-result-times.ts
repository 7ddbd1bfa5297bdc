import { MigrationInterface, QueryRunner } from 'typeorm';

const DIGITIZATION_COLUMNS = `agency_code, procedure_code, channel, finished_as, finished_at, digitized_at, reused_at,
  electronic_result_at, payment_status, paid_at, complaint, feedback_at, applicant_check, applicant_checked_at`;
const DOCUMENT_COLUMNS = `agency_code, procedure_code, origin, reused, digitization_level, stored_at, signature_indication,
  signature_verified_at, signature_count, superseded_at`;

/**
 * The time of a dossier's or document's first result next to its latest: a report judged at T looks an earlier result
 * up only when the latest is after T and the first before it (a re-check happened), not for every late result.
 */
export class FirstResultTimes1765065600000 implements MigrationInterface {
  name = 'FirstResultTimes1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE dossier_fact ADD COLUMN applicant_first_checked_at timestamptz,
                                ADD COLUMN feedback_first_at timestamptz`,
    );
    await queryRunner.query('ALTER TABLE document_fact ADD COLUMN signature_first_verified_at timestamptz');
    await queryRunner.query(
      `UPDATE dossier_fact f SET applicant_first_checked_at = a.first_at
         FROM (SELECT dossier_code, min(checked_at) AS first_at FROM applicant_check_result GROUP BY 1) a
        WHERE a.dossier_code = f.code`,
    );
    await queryRunner.query(
      `UPDATE dossier_fact f SET feedback_first_at = r.first_at
         FROM (SELECT dossier_code, min(recorded_at) AS first_at FROM feedback_result GROUP BY 1) r
        WHERE r.dossier_code = f.code`,
    );
    await queryRunner.query(
      `UPDATE document_fact d SET signature_first_verified_at = s.first_at
         FROM (SELECT document_id, min(verified_at) AS first_at FROM signature_result GROUP BY 1) s
        WHERE s.document_id = d.document_id`,
    );
    await this.indexes(
      queryRunner,
      ', applicant_first_checked_at, feedback_first_at',
      ', signature_first_verified_at',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.indexes(queryRunner, '', '');
    await queryRunner.query(
      'ALTER TABLE dossier_fact DROP COLUMN applicant_first_checked_at, DROP COLUMN feedback_first_at',
    );
    await queryRunner.query('ALTER TABLE document_fact DROP COLUMN signature_first_verified_at');
  }

  private async indexes(queryRunner: QueryRunner, dossierExtra: string, documentExtra: string) {
    await queryRunner.query('DROP INDEX dossier_fact_digitization_idx');
    await queryRunner.query(
      `CREATE INDEX dossier_fact_digitization_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (${DIGITIZATION_COLUMNS}, code${dossierExtra})`,
    );
    await queryRunner.query('DROP INDEX document_fact_scope_idx');
    await queryRunner.query(
      `CREATE INDEX document_fact_scope_idx ON document_fact (agency_path text_pattern_ops, dossier_received_at)
         INCLUDE (${DOCUMENT_COLUMNS}, document_id${documentExtra})`,
    );
  }
}
