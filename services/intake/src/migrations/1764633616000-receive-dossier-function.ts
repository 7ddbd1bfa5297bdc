import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake write as one statement (issue 16). The per-agency, per-day code counter row is locked from its upsert
 * until commit; taking it inside this function means no client round trip happens while it is held: the rows after
 * it are written by the server in the same call, and an autocommit call commits at once. The Idempotency-Key is
 * claimed before the counter, so a replay never takes (or waits for) a number. Codes stay gap-free: a failure
 * anywhere rolls the counter back with the rest.
 */
export class ReceiveDossierFunction1764633616000 implements MigrationInterface {
  name = 'ReceiveDossierFunction1764633616000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION intake_receive_dossier(
        p_day date, p_dossier jsonb, p_clock jsonb, p_action jsonb, p_event jsonb, p_topic text,
        p_client text, p_key text, p_hash text)
      RETURNS TABLE (r_code text, r_created boolean, r_request_hash text,
                     r_created_at timestamptz, r_updated_at timestamptz, r_version integer)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_agency text := p_dossier->>'agency_code';
        v_seq integer;
        v_code text;
      BEGIN
        IF p_key IS NOT NULL THEN
          -- A concurrent request with the same key waits here until the first commits, then reads its dossier.
          INSERT INTO idempotency_key (client_id, key, request_hash, dossier_code)
            VALUES (p_client, p_key, p_hash, '') ON CONFLICT DO NOTHING;
          IF NOT FOUND THEN
            RETURN QUERY SELECT k.dossier_code, false, k.request_hash, NULL::timestamptz, NULL::timestamptz, NULL::integer
              FROM idempotency_key k WHERE k.client_id = p_client AND k.key = p_key;
            RETURN;
          END IF;
        END IF;
        INSERT INTO dossier_code_sequence AS s (agency_code, day, last_value) VALUES (v_agency, p_day, 1)
          ON CONFLICT (agency_code, day) DO UPDATE SET last_value = s.last_value + 1
          RETURNING s.last_value INTO v_seq;
        -- DOMAIN.md §5: four digits, widened (never wrapped) past 9,999 a day.
        v_code := v_agency || '-' || to_char(p_day, 'YYMMDD') || '-'
          || CASE WHEN v_seq < 10000 THEN lpad(v_seq::text, 4, '0') ELSE v_seq::text END;
        INSERT INTO dossier (code, procedure_code, procedure_name, rules_effective_from, processing_limit, limit_unit,
                             agency_code, channel, status, received_at, due_at, confirmation_due_at,
                             applicant_id_number, applicant_full_name, applicant_date_of_birth, applicant_sex,
                             applicant_phone, applicant_email, applicant_address, components, results, fee_vnd,
                             payment_status, imported, created_by, version)
          SELECT v_code, d.procedure_code, d.procedure_name, d.rules_effective_from, d.processing_limit, d.limit_unit,
                 d.agency_code, d.channel, d.status, d.received_at, d.due_at, d.confirmation_due_at,
                 d.applicant_id_number, d.applicant_full_name, d.applicant_date_of_birth, d.applicant_sex,
                 d.applicant_phone, d.applicant_email, d.applicant_address, d.components, d.results, d.fee_vnd,
                 d.payment_status, d.imported, d.created_by, d.version
            FROM jsonb_populate_record(NULL::dossier, p_dossier) d
          RETURNING created_at, updated_at, version INTO r_created_at, r_updated_at, r_version;
        INSERT INTO dossier_clock_segment (dossier_code, seq, started_at, ended_at)
          SELECT v_code, c.ordinality, (c.value->>'started_at')::timestamptz, (c.value->>'ended_at')::timestamptz
            FROM jsonb_array_elements(p_clock) WITH ORDINALITY c;
        INSERT INTO dossier_action (dossier_code, seq, action, from_status, to_status, actor, actor_agency, at, reason,
                                    due_at, on_time_state, details)
          SELECT v_code, 1, a.action, a.from_status, a.to_status, a.actor, a.actor_agency, a.at, a.reason,
                 a.due_at, a.on_time_state, a.details
            FROM jsonb_populate_record(NULL::dossier_action, p_action) a;
        INSERT INTO outbox (event_id, topic, message_key, payload)
          VALUES ((p_event->>'id')::uuid, p_topic, v_code,
                  jsonb_set(p_event || jsonb_build_object('subject', v_code), '{data,code}', to_jsonb(v_code)));
        IF p_key IS NOT NULL THEN
          UPDATE idempotency_key SET dossier_code = v_code WHERE client_id = p_client AND key = p_key;
        END IF;
        r_code := v_code;
        r_created := true;
        r_request_hash := p_hash;
        RETURN NEXT;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP FUNCTION intake_receive_dossier(date, jsonb, jsonb, jsonb, jsonb, text, text, text, text)',
    );
  }
}
