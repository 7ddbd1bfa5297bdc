import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';

/**
 * The signed forms 01-05, one per issuing line of the control sheet (the unique key makes issuance idempotent), and
 * the dossiers whose forms wait for their agency's signing credentials.
 */
export class IssuedForms1765756800000 implements MigrationInterface {
  name = 'IssuedForms1765756800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issued_form (
        id bigserial CONSTRAINT issued_form_pkey PRIMARY KEY,
        dossier_code text NOT NULL,
        form_code text NOT NULL,
        action_seq integer NOT NULL,
        title text NOT NULL,
        file_name text NOT NULL,
        template_version text NOT NULL,
        legal_basis text NOT NULL,
        template_effective_from text NOT NULL,
        sha256 text NOT NULL,
        size integer NOT NULL,
        pdf bytea NOT NULL,
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX issued_form_dossier_form_seq_key ON issued_form (dossier_code, form_code, action_seq)',
    );
    await makeAppendOnly(queryRunner, 'issued_form');
    // Dossiers with a form that could not be signed yet (the agency's credentials missing), retried until issued.
    await queryRunner.query(`
      CREATE TABLE form_issuance_pending (
        dossier_code text CONSTRAINT form_issuance_pending_pkey PRIMARY KEY,
        reason text NOT NULL,
        since timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX form_issuance_pending_next_idx ON form_issuance_pending (next_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE form_issuance_pending');
    await queryRunner.query('DROP TABLE issued_form');
  }
}
