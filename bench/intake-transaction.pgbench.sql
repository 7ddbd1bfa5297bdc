-- The write of POST /dossiers as the database sees it (services/intake/src/dossiers/dossier.service.ts, `write`):
-- one autocommit call of intake_receive_dossier with the values the service sends, for pgbench: the database-side
-- ceiling the service is compared with. Run with -D agencies=N: codes go to agency 000.NN.12.H49, NN random
-- in 00..N-1 (N=1: the one hot agency 000.00.12.H49, as the service's first phase).
\set key random(1, 1000000000000)
\set a random(0, :agencies - 1)
SELECT * FROM intake_receive_dossier(
  CURRENT_DATE,
  '{"procedure_code":"1.001193","procedure_name":"Đăng ký khai sinh","rules_effective_from":"2025-07-01","processing_limit":"1","limit_unit":"WORKING_DAYS","channel":"DIRECT","status":"RECEIVED","applicant_id_number":"001203004567","applicant_full_name":"Nguyễn Văn An","applicant_date_of_birth":"2003-05-14","applicant_sex":"MALE","applicant_phone":"0912345678","applicant_email":null,"applicant_address":null,"confirmation_due_at":null,"components":[{"code":"TK01","name":"Tờ khai đăng ký khai sinh","required":true,"signatureRequired":false,"provided":false}],"results":[],"fee_vnd":0,"payment_status":"NOT_REQUIRED","imported":false,"created_by":"pgbench","version":1}'::jsonb
    || jsonb_build_object('agency_code', format('000.%s.12.H49', lpad(:a::text, 2, '0')), 'received_at', now(), 'due_at', now() + interval '1 day'),
  jsonb_build_array(jsonb_build_object('started_at', now(), 'ended_at', NULL)),
  '{"action":"RECEIVE","from_status":null,"to_status":"RECEIVED","actor":"pgbench","reason":null,"on_time_state":null,"details":{"channel":"DIRECT","components":[{"code":"TK01","name":"Tờ khai đăng ký khai sinh","required":true,"signatureRequired":false,"provided":false}]}}'::jsonb
    || jsonb_build_object('actor_agency', '000.00.12.H49', 'at', now(), 'due_at', now() + interval '1 day'),
  '{"specversion":"1.0","type":"vn.motcua.dossier.received.v1","source":"/motcua/intake","time":"2026-11-27T00:00:00.000Z","subject":"","datacontenttype":"application/json","data":{"code":"","procedureCode":"1.001193","agencyCode":"000.00.12.H49","channel":"DIRECT","status":"RECEIVED","receivedAt":"2026-11-27T00:00:00.000Z","dueAt":"2026-11-28T00:00:00.000Z","applicant":{"idNumber":"001203004567","fullName":"Nguyễn Văn An","dateOfBirth":"2003-05-14","sex":"MALE","phone":"0912345678"},"imported":false}}'::jsonb
    || jsonb_build_object('id', gen_random_uuid()),
  'motcua.dossier.v1',
  'pgbench', 'k' || :key, 'h');
