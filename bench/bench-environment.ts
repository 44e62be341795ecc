import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { loadConfig } from '../src/core/config/config';
import { Runtime, startRuntime } from '../src/app/runtime';
import { BenchOptions } from './bench-options';

/** A started server on a fresh bench database, with what the sections need to reach it. */
export interface BenchEnvironment {
  runtime: Runtime;
  /** GraphQL endpoint (127.0.0.1, free port). */
  url: string;
  /** The server's own `pg` pool (raw SQL baselines go through it: PGlite accepts one connection only). */
  pool: Pool;
  /** `postgres 15.x` or `PGlite (embedded)`. */
  databaseLabel: string;
  /** Stops the server and Meilisearch, drops the bench database and the temporary folder. */
  close(): Promise<void>;
}

/** Replaces the database name of a PostgreSQL URL. */
function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Creates `helpscope_bench_<time>` on the PostgreSQL of `opts.adminDatabaseUrl` (or nothing with `--embedded`),
 * starts Helpscope in-process on it with a bundled Meilisearch in a temporary folder (migrations applied, no demo seed,
 * rate limits lifted, outbox worker not in the background so statement counts stay exact).
 */
export async function startBenchEnvironment(opts: BenchOptions): Promise<BenchEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscope-bench-'));
  const dbName = `helpscope_bench_${Date.now().toString(36)}`;
  let admin: Client | undefined;
  if (!opts.embedded) {
    admin = new Client({ connectionString: opts.adminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  }
  const dropDatabase = async () => {
    if (!admin) return;
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e: Error) => console.error(`drop ${dbName}: ${e.message}`));
    await admin.end();
    admin = undefined;
  };
  try {
    const config = loadConfig({
      PATH: process.env.PATH,
      DATABASE_URL: opts.embedded ? undefined : withDatabase(opts.adminDatabaseUrl, dbName),
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
      HELPSCOPE_DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO: 'false',
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      NODE_ENV: 'production',
      RATE_LIMIT_PER_MINUTE: '10000000',
      RATE_LIMIT_BURST: '10000000',
    });
    const runtime = await startRuntime(config, { listen: true, background: false });
    const pool = (runtime.dataSource.driver as PostgresDriver).master as Pool;
    const version = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const databaseLabel = opts.embedded ? `PGlite (embedded, PostgreSQL ${version.rows[0].v})` : `PostgreSQL ${version.rows[0].v}`;
    return {
      runtime,
      url: runtime.http!.url.replace('localhost', '127.0.0.1'),
      pool,
      databaseLabel,
      async close() {
        await runtime.stop().catch((e: Error) => console.error(`stop: ${e.message}`));
        await dropDatabase();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
