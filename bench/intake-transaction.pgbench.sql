-- The write transaction of POST /dossiers (services/intake/src/dossiers/dossier.service.ts, `create` + `receive`),
-- statement for statement, for pgbench: the database-side ceiling the service is compared with.
\set key random(1, 1000000000000)
BEGIN;
INSERT INTO idempotency_key (client_id, key, request_hash, dossier_code) VALUES ('pgbench', 'k' || :key, 'h', '') ON CONFLICT DO NOTHING RETURNING key;
SELECT procedure_code, effective_from, processing_limit, limit_unit, fee_vnd, components FROM procedure_version
 WHERE procedure_code = '1.001193' AND effective_from <= CURRENT_DATE AND (effective_to IS NULL OR effective_to > CURRENT_DATE)
 ORDER BY effective_from DESC LIMIT 1;
SELECT name FROM procedure WHERE code = '1.001193';
SELECT office_hours FROM agency WHERE code = '000.00.12.H49';
INSERT INTO dossier_code_sequence (agency_code, day, last_value) VALUES ('000.00.12.H49', CURRENT_DATE, 1)
  ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1 RETURNING last_value \gset
INSERT INTO dossier (code, procedure_code, procedure_name, rules_effective_from, processing_limit, limit_unit, agency_code, channel, status,
                     received_at, due_at, applicant_id_number, applicant_full_name, applicant_date_of_birth, applicant_sex, applicant_phone,
                     components, fee_vnd, payment_status, created_by, version)
  VALUES ('000.00.12.H49-PGB-' || :last_value || '-' || :key, '1.001193', 'Đăng ký khai sinh', CURRENT_DATE, 1, 'WORKING_DAYS', '000.00.12.H49', 'DIRECT', 'RECEIVED',
          now(), now() + interval '1 day', '001203004567', 'Nguyễn Văn An', '2003-05-14', 'MALE', '0912345678',
          '[{"code":"TK01","provided":false}]', 0, 'NOT_REQUIRED', 'pgbench', 1);
INSERT INTO dossier_clock_segment (dossier_code, seq, started_at, ended_at) VALUES ('000.00.12.H49-PGB-' || :last_value || '-' || :key, 1, now(), NULL)
  ON CONFLICT (dossier_code, seq) DO UPDATE SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at;
SELECT coalesce(max(seq), 0) + 1 AS next FROM dossier_action WHERE dossier_code = '000.00.12.H49-PGB-' || :last_value || '-' || :key;
INSERT INTO dossier_action (dossier_code, seq, action, from_status, to_status, actor, actor_agency, at, reason, due_at, on_time_state, details)
  VALUES ('000.00.12.H49-PGB-' || :last_value || '-' || :key, 1, 'RECEIVE', NULL, 'RECEIVED', 'pgbench', '000.00.12.H49', now(), NULL, now() + interval '1 day', NULL, '{"channel":"DIRECT"}');
INSERT INTO outbox (event_id, topic, message_key, payload)
  VALUES (gen_random_uuid(), 'motcua.dossier.v1', '000.00.12.H49-PGB-' || :last_value || '-' || :key,
          '{"specversion":"1.0","type":"vn.motcua.dossier.received.v1","source":"/motcua/intake","subject":"x","datacontenttype":"application/json","data":{"code":"x","procedureCode":"1.001193","agencyCode":"000.00.12.H49","channel":"DIRECT","status":"RECEIVED","receivedAt":"2026-11-27T00:00:00Z","dueAt":null,"applicant":{"idNumber":"001203004567","fullName":"Nguyễn Văn An","dateOfBirth":"2003-05-14"},"imported":false}}');
UPDATE idempotency_key SET dossier_code = '000.00.12.H49-PGB-' || :last_value WHERE client_id = 'pgbench' AND key = 'k' || :key;
COMMIT;
