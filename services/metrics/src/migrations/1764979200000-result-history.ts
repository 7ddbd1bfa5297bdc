import { MigrationInterface, QueryRunner } from 'typeorm';

/** As in ReadModels1764460800000 (a committed migration is not imported from, so its columns are repeated). */
const DIGITIZATION_COLUMNS = `agency_code, procedure_code, channel, finished_as, finished_at, digitized_at, reused_at,
  electronic_result_at, payment_status, paid_at, complaint, feedback_at, applicant_check, applicant_checked_at`;
const DOCUMENT_COLUMNS = `agency_code, procedure_code, origin, reused, digitization_level, stored_at, signature_indication,
  signature_verified_at, signature_count, superseded_at`;

/**
 * Keeps every signature verification, applicant check and feedback with its time instead of only the latest, so a
 * closed period is judged with the results known at its end. Existing latest results become the first history row.
 */
export class ResultHistory1764979200000 implements MigrationInterface {
  name = 'ResultHistory1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE signature_result (
        document_id text NOT NULL,
        verification_id text NOT NULL,
        dossier_code text NOT NULL,
        indication text NOT NULL,
        signature_count integer,
        verified_at timestamptz NOT NULL,
        CONSTRAINT signature_result_pkey PRIMARY KEY (document_id, verification_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE applicant_check_result (
        dossier_code text NOT NULL,
        event_id text NOT NULL,
        outcome text NOT NULL,
        checked_at timestamptz NOT NULL,
        CONSTRAINT applicant_check_result_pkey PRIMARY KEY (dossier_code, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE feedback_result (
        dossier_code text NOT NULL,
        event_id text NOT NULL,
        satisfaction text NOT NULL,
        complaint boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT feedback_result_pkey PRIMARY KEY (dossier_code, event_id)
      )`);
    await queryRunner.query(
      `INSERT INTO signature_result (document_id, verification_id, dossier_code, indication, signature_count,
                                     verified_at)
       SELECT document_id, 'before-history', dossier_code, signature_indication, signature_count, signature_verified_at
         FROM document_fact WHERE signature_verified_at IS NOT NULL AND signature_indication IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO applicant_check_result (dossier_code, event_id, outcome, checked_at)
       SELECT dossier_code, 'before-history', outcome, checked_at FROM applicant_check`,
    );
    await queryRunner.query(
      `INSERT INTO feedback_result (dossier_code, event_id, satisfaction, complaint, recorded_at)
       SELECT code, 'before-history', satisfaction, complaint, feedback_at FROM dossier_fact
        WHERE feedback_at IS NOT NULL AND satisfaction IS NOT NULL AND complaint IS NOT NULL`,
    );
    // The reports look a dossier's or document's earlier result up by its key when the latest is after the instant
    // judged: the covering indexes carry the key so they stay index-only.
    await queryRunner.query('DROP INDEX dossier_fact_digitization_idx');
    await queryRunner.query(
      `CREATE INDEX dossier_fact_digitization_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (${DIGITIZATION_COLUMNS}, code)`,
    );
    await queryRunner.query('DROP INDEX document_fact_scope_idx');
    await queryRunner.query(
      `CREATE INDEX document_fact_scope_idx ON document_fact (agency_path text_pattern_ops, dossier_received_at)
         INCLUDE (${DOCUMENT_COLUMNS}, document_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossier_fact_digitization_idx');
    await queryRunner.query(
      `CREATE INDEX dossier_fact_digitization_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (${DIGITIZATION_COLUMNS})`,
    );
    await queryRunner.query('DROP INDEX document_fact_scope_idx');
    await queryRunner.query(
      `CREATE INDEX document_fact_scope_idx ON document_fact (agency_path text_pattern_ops, dossier_received_at)
         INCLUDE (${DOCUMENT_COLUMNS})`,
    );
    await queryRunner.query('DROP TABLE feedback_result');
    await queryRunner.query('DROP TABLE applicant_check_result');
    await queryRunner.query('DROP TABLE signature_result');
  }
}
