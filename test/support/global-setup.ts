import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/core/db/embedded-postgres';
import { startEmbeddedMeilisearch } from '../../src/core/search/embedded-meilisearch';
import { createDataSource } from '../../src/core/db/data-source';

/**
 * Starts one real PostgreSQL (embedded PGlite in memory, or the server in `DATABASE_URL`) and one real Meilisearch
 * (the bundled binary, or `MEILI_URL`) for the whole run, applies the migrations, and publishes their addresses
 * to the suites through `HELPSCOPE_TEST_*` variables. Suites isolate themselves by creating their own workspaces.
 */
export default async function globalSetup(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let dbUrl = process.env.DATABASE_URL;
  let poolSize = '10';
  if (!dbUrl) {
    const pg = await startEmbeddedPostgres();
    stops.push(() => pg.stop());
    dbUrl = pg.url;
    poolSize = '1';
  }
  const ds = createDataSource({ url: dbUrl, poolSize: 1 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscope-test-'));
  if (!meiliUrl) {
    const meili = await startEmbeddedMeilisearch(path.join(tmp, 'meili'));
    stops.push(() => meili.stop());
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
  }
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  Object.assign(process.env, {
    HELPSCOPE_TEST_DATABASE_URL: dbUrl,
    HELPSCOPE_TEST_POOL_SIZE: poolSize,
    HELPSCOPE_TEST_MEILI_URL: meiliUrl,
    HELPSCOPE_TEST_MEILI_KEY: meiliKey,
    HELPSCOPE_TEST_INDEX: `articles_test_${process.pid}_${Date.now()}`,
    HELPSCOPE_TEST_DATA_DIR: tmp,
  });
  (globalThis as { __helpscopeStops?: typeof stops }).__helpscopeStops = stops;
}
