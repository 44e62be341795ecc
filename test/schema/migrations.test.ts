import 'reflect-metadata';
import { createDataSource } from '../../src/core/db/data-source';

describe('migrations', () => {
  it('leave nothing for TypeORM to generate: entities and migrations agree', async () => {
    const ds = createDataSource({
      url: process.env.HELPSCOPE_TEST_DATABASE_URL!,
      poolSize: 1,
    });
    await ds.initialize();
    try {
      expect(await ds.showMigrations()).toBe(false);
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
