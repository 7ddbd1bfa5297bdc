import { DataSource, EntityManager } from 'typeorm';
import { ReportScope } from './report-scope';

/**
 * Runs a report's queries in one read-only transaction: one snapshot for all its numbers, and no JIT compilation
 * (the planner's per-row estimates for the status-log lookups cross jit_above_cost, and compiling costs far more
 * than the aggregation over a province-year saves). The work gets the scope with its agency paths looked up.
 */
export function inReportTransaction<T>(
  dataSource: DataSource,
  scope: ReportScope,
  work: (manager: EntityManager, scope: ReportScope) => Promise<T>,
) {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await manager.query('SET LOCAL jit = off');
    let agencyPaths: string[] | null = null;
    if (scope.pathPattern !== null) {
      // Every agency with a dossier has a row in dossier_flow_month (added with its first dossier).
      const rows: { agency_path: string }[] = await manager.query(
        'SELECT DISTINCT agency_path FROM dossier_flow_month WHERE agency_path LIKE $1',
        [scope.pathPattern],
      );
      agencyPaths = rows.map((r) => r.agency_path);
    }
    return work(manager, { ...scope, agencyPaths });
  });
}
