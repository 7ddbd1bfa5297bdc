import { MigrationInterface, QueryRunner } from 'typeorm';

/** Columns the SLA and overdue reports read, carried by their indexes so that they read the index only. */
const SLA_COLUMNS = `code, agency_code, procedure_code, channel, status, received_status, received_due_at, due_at,
  last_status_at, late_by_rule, apologized, supplement_requests, finished_at, finished_as, open_since, open_status,
  open_due_at, open_late_by_rule, open_apologized, open_supplement_requests, resolution, processing_minutes`;

/** Columns the digitization and indicator reports read (an index holds at most 32 columns). */
const DIGITIZATION_COLUMNS = `agency_code, procedure_code, channel, finished_as, finished_at, digitized_at, reused_at,
  electronic_result_at, payment_status, paid_at, complaint, feedback_at, applicant_check, applicant_checked_at`;

export class ReadModels1764460800000 implements MigrationInterface {
  name = 'ReadModels1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_fact');
    await queryRunner.query('TRUNCATE inbox');
    await queryRunner.query(`
      CREATE TABLE dossier_fact (
        code text CONSTRAINT dossier_fact_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        agency_path text NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        received_status text NOT NULL,
        received_due_at timestamptz,
        due_at timestamptz,
        last_status_at timestamptz,
        late_by_rule boolean NOT NULL DEFAULT false,
        apologized boolean NOT NULL DEFAULT false,
        supplement_requests integer NOT NULL DEFAULT 0,
        finished_at timestamptz,
        finished_as text,
        open_since timestamptz,
        open_status text,
        open_due_at timestamptz,
        open_late_by_rule boolean,
        open_apologized boolean,
        open_supplement_requests integer,
        resolution text,
        processing_minutes numeric,
        payment_status text,
        paid_at timestamptz,
        satisfaction text,
        complaint boolean,
        feedback_at timestamptz,
        digitized_at timestamptz,
        reused_at timestamptz,
        electronic_result_at timestamptz,
        applicant_check text,
        applicant_checked_at timestamptz
      )`);
    // Subtree prefix (LIKE 'H49.12.%') plus the received range, covering what the reports read: a province-year is
    // one contiguous run of index pages, read without touching the heap (index-only scan).
    await queryRunner.query(
      `CREATE INDEX dossier_fact_scope_idx ON dossier_fact (agency_path text_pattern_ops, received_at) INCLUDE (${SLA_COLUMNS})`,
    );
    await queryRunner.query(
      `CREATE INDEX dossier_fact_digitization_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (${DIGITIZATION_COLUMNS})`,
    );
    // Dossiers not finished yet: with the bounded range below, the dossiers open at an instant.
    await queryRunner.query(
      `CREATE INDEX dossier_fact_unfinished_idx ON dossier_fact (agency_path text_pattern_ops, received_at)
         INCLUDE (${SLA_COLUMNS}) WHERE finished_at IS NULL`,
    );
    // The longest time a finished dossier was open: how far back "open at an instant" has to look.
    await queryRunner.query(
      'CREATE INDEX dossier_fact_span_idx ON dossier_fact ((finished_at - received_at))',
    );
    // Dossiers received and finished per agency, procedure and month (Vietnam time): the flows of month-aligned periods.
    await queryRunner.query(`
      CREATE TABLE dossier_flow_month (
        agency_code text NOT NULL,
        procedure_code text NOT NULL,
        month date NOT NULL,
        agency_path text NOT NULL,
        received_online integer NOT NULL DEFAULT 0,
        received_other integer NOT NULL DEFAULT 0,
        resolved_early integer NOT NULL DEFAULT 0,
        resolved_on_time integer NOT NULL DEFAULT 0,
        resolved_late integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        withdrawn integer NOT NULL DEFAULT 0,
        stopped integer NOT NULL DEFAULT 0,
        resolved_minutes numeric NOT NULL DEFAULT 0,
        overdue_in integer NOT NULL DEFAULT 0,
        overdue_out integer NOT NULL DEFAULT 0,
        CONSTRAINT dossier_flow_month_pkey PRIMARY KEY (agency_code, procedure_code, month)
      )`);
    await queryRunner.query(
      'CREATE INDEX dossier_flow_month_scope_idx ON dossier_flow_month (agency_path text_pattern_ops, month)',
    );
    await queryRunner.query(`
      CREATE TABLE dossier_digitization_month (
        agency_code text NOT NULL,
        procedure_code text NOT NULL,
        received_month date NOT NULL,
        fact_month date NOT NULL,
        agency_path text NOT NULL,
        received integer NOT NULL DEFAULT 0,
        online integer NOT NULL DEFAULT 0,
        with_digitized integer NOT NULL DEFAULT 0,
        resolved integer NOT NULL DEFAULT 0,
        with_e_result integer NOT NULL DEFAULT 0,
        digitized_with_e_result integer NOT NULL DEFAULT 0,
        with_reused integer NOT NULL DEFAULT 0,
        fee_bearing integer NOT NULL DEFAULT 0,
        paid_online integer NOT NULL DEFAULT 0,
        complaints integer NOT NULL DEFAULT 0,
        applicants_matched integer NOT NULL DEFAULT 0,
        applicants_mismatched integer NOT NULL DEFAULT 0,
        applicant_checks_failed integer NOT NULL DEFAULT 0,
        scanned integer NOT NULL DEFAULT 0,
        scan_only integer NOT NULL DEFAULT 0,
        verified integer NOT NULL DEFAULT 0,
        valid integer NOT NULL DEFAULT 0,
        CONSTRAINT dossier_digitization_month_pkey PRIMARY KEY (agency_code, procedure_code, received_month, fact_month)
      )`);
    await queryRunner.query(
      `CREATE INDEX dossier_digitization_month_scope_idx
         ON dossier_digitization_month (agency_path text_pattern_ops, received_month)`,
    );
    await queryRunner.query(`
      CREATE TABLE dossier_status_log (
        code text NOT NULL,
        event_id text NOT NULL,
        at timestamptz NOT NULL,
        status text NOT NULL,
        due_at timestamptz,
        late_by_rule boolean NOT NULL,
        apologized boolean NOT NULL,
        supplement_requests integer NOT NULL,
        CONSTRAINT dossier_status_log_pkey PRIMARY KEY (code, event_id)
      )`);
    // The state at an instant, read from the index alone.
    await queryRunner.query(
      `CREATE INDEX dossier_status_log_code_at_idx ON dossier_status_log (code, at)
         INCLUDE (status, due_at, late_by_rule, apologized, supplement_requests)`,
    );
    await queryRunner.query(`
      CREATE TABLE document_fact (
        document_id text CONSTRAINT document_fact_pkey PRIMARY KEY,
        dossier_code text NOT NULL,
        agency_code text,
        agency_path text,
        procedure_code text,
        dossier_received_at timestamptz,
        kind text,
        origin text,
        digitization_level text,
        reused boolean NOT NULL DEFAULT false,
        stored_at timestamptz,
        signature_indication text,
        signature_verified_at timestamptz,
        signature_count integer,
        superseded_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX document_fact_dossier_idx ON document_fact (dossier_code)');
    await queryRunner.query(
      `CREATE INDEX document_fact_scope_idx ON document_fact (agency_path text_pattern_ops, dossier_received_at)
         INCLUDE (agency_code, procedure_code, origin, reused, digitization_level, stored_at, signature_indication,
                  signature_verified_at, signature_count, superseded_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE applicant_check (
        dossier_code text CONSTRAINT applicant_check_pkey PRIMARY KEY,
        outcome text NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dossier_flow_month');
    await queryRunner.query('DROP TABLE dossier_digitization_month');
    await queryRunner.query('DROP TABLE applicant_check');
    await queryRunner.query('DROP TABLE document_fact');
    await queryRunner.query('DROP TABLE dossier_status_log');
    await queryRunner.query('DROP TABLE dossier_fact');
    await queryRunner.query(`
      CREATE TABLE dossier_fact (
        code text CONSTRAINT dossier_fact_pkey PRIMARY KEY,
        agency_code text NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        due_at timestamptz,
        finished_at timestamptz,
        finished_as text,
        late_by_rule boolean NOT NULL DEFAULT false,
        supplement_requests integer NOT NULL DEFAULT 0,
        elapsed_working_minutes numeric NOT NULL DEFAULT 0,
        last_event_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX dossier_fact_agency_received_idx ON dossier_fact (agency_code, received_at)',
    );
    await queryRunner.query('CREATE INDEX dossier_fact_finished_idx ON dossier_fact (finished_at)');
    await queryRunner.query('TRUNCATE inbox');
  }
}
