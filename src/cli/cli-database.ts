import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../core/config/config';
import { createDataSource } from '../core/db/data-source';
import { startEmbeddedPostgres } from '../core/db/embedded-postgres';
import { assertDataDirFree, explainStartupFailure } from './embedded-guard';

/** A connected database for the `db` commands, without search or services. */
export interface CliDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PGlite under `<dataDir>/pg` when it is unset. */
export async function openConfiguredDatabase(): Promise<CliDatabase> {
  const config = loadConfig();
  const stops: (() => Promise<void>)[] = [];
  let url = config.databaseUrl;
  if (!url) {
    assertDataDirFree(config);
    const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'pg')).catch((e: Error) => {
      throw explainStartupFailure(config, new Error(`Could not open the embedded PostgreSQL in ${config.dataDir}/pg: ${e.message}`));
    });
    stops.push(() => pg.stop());
    url = pg.url;
  }
  const dataSource = createDataSource({ url, poolSize: 1 });
  try {
    await dataSource.initialize();
  } catch (e) {
    for (const stop of stops) await stop();
    throw new Error(`Cannot connect to PostgreSQL: ${(e as Error).message}`);
  }
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      for (const stop of stops.reverse()) await stop();
    },
  };
}
