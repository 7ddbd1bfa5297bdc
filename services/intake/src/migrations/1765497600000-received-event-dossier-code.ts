import { MigrationInterface, QueryRunner } from 'typeorm';

const SIGNATURE = 'intake_receive_dossier(date, jsonb, jsonb, jsonb, jsonb, text, text, text, text)';
const WITH_SUBJECT = `p_event || jsonb_build_object('subject', v_code)`;
const CODE_ONLY = `jsonb_set(${WITH_SUBJECT}, '{data,code}', to_jsonb(v_code))`;
const WITH_DOSSIER_CODE = `jsonb_set(${CODE_ONLY}, '{data,dossierCode}', to_jsonb(v_code))`;

/**
 * dossier.received.v1 also carries its code as `dossierCode` (issue 18: the one name all events share). The receive
 * function is the first to know the code and writes it into the event; this swaps that one expression of the
 * installed function, and fails rather than do nothing when the expression is not there.
 */
export class ReceivedEventDossierCode1765497600000 implements MigrationInterface {
  name = 'ReceivedEventDossierCode1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await swapInFunction(queryRunner, `${CODE_ONLY})`, `${WITH_DOSSIER_CODE})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await swapInFunction(queryRunner, `${WITH_DOSSIER_CODE})`, `${CODE_ONLY})`);
  }
}

async function swapInFunction(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const [{ def }]: { def: string }[] = await queryRunner.query(
    'SELECT pg_get_functiondef($1::regprocedure) AS def',
    [SIGNATURE],
  );
  if (def.split(from).length !== 2)
    throw new Error(`${SIGNATURE}: the event expression is not the expected one`);
  // pg_get_functiondef gives a CREATE OR REPLACE statement.
  await queryRunner.query(def.replace(from, to));
}
