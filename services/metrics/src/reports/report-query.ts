import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a report's queries in one read-only transaction: one snapshot for all its numbers, and no JIT compilation
 * (the planner's per-row estimates for the status-log lookups cross jit_above_cost, and compiling costs far more
 * than the aggregation over a province-year saves).
 */
export function inReportTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>) {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    await manager.query('SET LOCAL jit = off');
    return work(manager);
  });
}
