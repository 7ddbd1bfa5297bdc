import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents and signature reports per document id (so versions and out-of-order events resolve), results apart
 * from the components. Existing dossiers keep what they showed: their documents are backfilled as of receipt (any
 * later event wins), components the catalogue lacks are marked `inCatalogue: false`, signatures gain `status`.
 */
export class DossierDocuments1764460800000 implements MigrationInterface {
  name = 'DossierDocuments1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dossier_document (
        document_id text NOT NULL,
        dossier_code text NOT NULL,
        component_code text NOT NULL,
        source text,
        kind text,
        occurred_at timestamptz,
        document_version integer,
        previous_document_id text,
        source_document_id text,
        record_id text,
        digitization_level text,
        sha256 text,
        signature jsonb,
        CONSTRAINT dossier_document_pkey PRIMARY KEY (document_id)
      )`);
    await queryRunner.query(`CREATE INDEX dossier_document_dossier_idx ON dossier_document (dossier_code)`);
    await queryRunner.query(
      `CREATE INDEX dossier_document_source_idx ON dossier_document (source_document_id)`,
    );
    await queryRunner.query(`ALTER TABLE dossier ADD COLUMN results jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`
      INSERT INTO dossier_document
        (document_id, dossier_code, component_code, source, occurred_at, digitization_level, signature)
      SELECT c->>'documentId', d.code, c->>'code',
             CASE WHEN c->>'reused' = 'true' THEN 'REUSED' ELSE 'DIGITIZED' END,
             d.received_at, c->>'digitizationLevel',
             CASE WHEN c ? 'signature' THEN (c->'signature') || jsonb_build_object(
               'verifiedAt', to_char(d.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END
        FROM dossier d, jsonb_array_elements(d.components) c
       WHERE c ? 'documentId'
      ON CONFLICT (document_id) DO NOTHING`);
    await queryRunner.query(`
      UPDATE dossier d SET components = (
        SELECT jsonb_agg(
                 (CASE WHEN c ? 'required' THEN c ELSE c || '{"inCatalogue": false}'::jsonb END)
                 || (CASE WHEN c ? 'signature' THEN jsonb_build_object('signature',
                       (c->'signature') || jsonb_build_object('status', c->'signature'->>'indication'))
                     ELSE '{}'::jsonb END)
                 ORDER BY e.ord)
          FROM jsonb_array_elements(d.components) WITH ORDINALITY AS e(c, ord))
       WHERE jsonb_array_length(d.components) > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dossier DROP COLUMN results`);
    await queryRunner.query(`DROP TABLE dossier_document`);
  }
}
