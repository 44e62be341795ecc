import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs raw SQL and always returns the result rows. (TypeORM's `query()` returns `[rows, count]` for UPDATE and DELETE,
 * and PGlite reports a data-modifying CTE as one, so callers could not rely on its shape.)
 */
export async function queryRows<T = Record<string, unknown>>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
