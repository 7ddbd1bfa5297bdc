import { MigrationInterface, QueryRunner } from 'typeorm';

export class FinishedScopeIndex1764806400000 implements MigrationInterface {
  name = 'FinishedScopeIndex1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The dossiers of a subtree finished in a partial month at a period's edge, by one index range per agency
    // (index-only): the rest of a period that is not month-aligned comes from the monthly flows.
    await queryRunner.query(
      `CREATE INDEX dossier_fact_finished_scope_idx ON dossier_fact (agency_path text_pattern_ops, finished_at)
         INCLUDE (agency_code, procedure_code, finished_as, resolution, processing_minutes)
         WHERE finished_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dossier_fact_finished_scope_idx');
  }
}
