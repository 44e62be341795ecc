import path from 'node:path';
import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { ENTITIES } from './entities';

/** Where compiled or TypeScript migrations live (the repository's top-level `migrations/`). */
const MIGRATIONS_GLOB = path.join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

/** Connection settings of {@link createDataSource}. */
export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. The embedded PGlite serves one session, so it must be 1 there. */
  poolSize: number;
  /** Abort statements running longer than this (ms). */
  statementTimeoutMs?: number;
}

/**
 * Builds the TypeORM DataSource for PostgreSQL through `pg`. Schema changes come only from `migrations/`; `synchronize`
 * is always off.
 */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: opts.poolSize,
    extra: {
      max: opts.poolSize,
      connectionTimeoutMillis: 10_000,
      statement_timeout: opts.statementTimeoutMs ?? 60_000,
      application_name: 'helpscope',
      // JIT compilation costs ~1-1.5 s per metric statement and wins nothing back at these sizes (npm run bench,
      // docs/PERFORMANCE.md); no other statement runs long enough to profit from it
      options: '-c jit=off',
    },
  });
}
