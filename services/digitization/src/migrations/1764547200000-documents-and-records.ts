import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@motcua/persistence';
import { SEED_SCHEMAS } from './1764547200000-component-schema-seeds';

export class DocumentsAndRecords1764547200000 implements MigrationInterface {
  name = 'DocumentsAndRecords1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_dossier (
        code text CONSTRAINT known_dossier_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        procedure_code text NOT NULL,
        applicant_id_number text,
        learned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE component_schema (
        procedure_code text NOT NULL,
        component_code text NOT NULL,
        schema jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT component_schema_pkey PRIMARY KEY (procedure_code, component_code)
      )`);
    for (const seed of SEED_SCHEMAS) {
      await queryRunner.query(
        `INSERT INTO component_schema (procedure_code, component_code, schema, updated_by) VALUES ($1, $2, $3, 'migration')`,
        [seed.procedureCode, seed.componentCode, JSON.stringify(seed.schema)],
      );
    }
    await queryRunner.query(`
      CREATE TABLE document (
        id uuid CONSTRAINT document_pkey PRIMARY KEY,
        dossier_code text NOT NULL,
        component_code text NOT NULL,
        kind text NOT NULL,
        origin text NOT NULL,
        digitization_level text NOT NULL,
        mime_type text NOT NULL,
        sha256 text NOT NULL,
        size bigint NOT NULL,
        page_count integer,
        data jsonb,
        file_name text,
        bucket text NOT NULL,
        object_key text NOT NULL,
        version integer NOT NULL,
        previous_version_id uuid,
        reused_from_record_id uuid,
        uploaded_by text NOT NULL,
        agency_code text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX document_dossier_idx ON document (dossier_code, component_code)');
    await queryRunner.query('CREATE INDEX document_object_key_idx ON document (object_key)');
    // One correction per version: two concurrent corrections of the same version cannot both win.
    await queryRunner.query(
      'CREATE UNIQUE INDEX document_previous_version_key ON document (previous_version_id)',
    );
    // Reusing the same record for the same component twice is the same reuse.
    await queryRunner.query(
      'CREATE UNIQUE INDEX document_reuse_key ON document (dossier_code, component_code, reused_from_record_id)',
    );
    await queryRunner.query(`
      CREATE TABLE document_tombstone (
        document_id uuid CONSTRAINT document_tombstone_pkey PRIMARY KEY,
        deleted_by text NOT NULL,
        reason text NOT NULL,
        object_deleted boolean NOT NULL,
        deleted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE integrity_check (
        id uuid CONSTRAINT integrity_check_pkey PRIMARY KEY,
        document_id uuid NOT NULL,
        checked_by text NOT NULL,
        expected_sha256 text NOT NULL,
        actual_sha256 text,
        outcome text NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX integrity_check_document_idx ON integrity_check (document_id, checked_at)',
    );
    await queryRunner.query(`
      CREATE TABLE citizen_record (
        id uuid CONSTRAINT citizen_record_pkey PRIMARY KEY,
        holder_id_number text NOT NULL,
        document_id uuid NOT NULL,
        kind text NOT NULL,
        procedure_code text NOT NULL,
        component_code text NOT NULL,
        digitization_level text NOT NULL,
        issuing_agency text NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX citizen_record_holder_idx ON citizen_record (holder_id_number, issued_at)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX citizen_record_document_key ON citizen_record (document_id)',
    );
    await queryRunner.query(`
      CREATE TABLE ledger_entry (
        seq bigint CONSTRAINT ledger_entry_pkey PRIMARY KEY,
        entry_type text NOT NULL,
        document_id uuid NOT NULL,
        payload jsonb NOT NULL,
        previous_hash text NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX ledger_entry_document_idx ON ledger_entry (document_id)');
    await queryRunner.query(`
      CREATE TABLE orphan_sweep_state (
        id integer CONSTRAINT orphan_sweep_state_pkey PRIMARY KEY,
        swept_through date NOT NULL
      )`);
    // Stored records are never overwritten or silently removed: the service's role may only add rows.
    for (const table of [
      'document',
      'document_tombstone',
      'integrity_check',
      'citizen_record',
      'ledger_entry',
    ])
      await makeAppendOnly(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'orphan_sweep_state',
      'ledger_entry',
      'citizen_record',
      'integrity_check',
      'document_tombstone',
      'document',
      'component_schema',
      'known_dossier',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
