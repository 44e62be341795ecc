import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../core/config/config';
import { createDataSource } from '../core/db/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../core/db/embedded-postgres';
import { EmbeddedMeilisearch, startEmbeddedMeilisearch } from '../core/search/embedded-meilisearch';
import { MeilisearchEngine } from '../core/search/meilisearch-engine';
import { OutboxWorker } from '../core/search/outbox-worker';
import { ArticleIndexer } from '../modules/articles/article-indexer';
import { logger } from '../core/logging/logger';
import { createServices, Services } from './services';
import { HttpApp, startHttpServer } from './server';

/** A started Helpscope: database, search, services, the outbox worker and (optionally) the HTTP server. */
export interface Runtime {
  config: AppConfig;
  dataSource: DataSource;
  search: MeilisearchEngine;
  services: Services;
  worker: OutboxWorker;
  http?: HttpApp;
  /** Stops in order: HTTP (finishing requests), outbox (flushed), database, child processes. */
  stop(): Promise<void>;
}

/** A start-up failure with one line telling the user what to fix. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** What `startRuntime` starts besides the database and search. */
export interface StartOptions {
  /** Serve HTTP (the server); the CLI only needs the database and search. */
  listen: boolean;
  /** Run the outbox worker in the background (otherwise callers flush it). */
  background?: boolean;
}

/** Connects everything described by `config`, starting embedded PostgreSQL and Meilisearch where URLs are unset. */
export async function startRuntime(config: AppConfig, opts: StartOptions): Promise<Runtime> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      logger.debug({ step: fn.name }, 'shutdown step');
      await fn().catch((e) => logger.warn({ err: e }, 'shutdown step failed'));
    }
    cleanups.length = 0;
  };
  try {
    let pg: EmbeddedPostgres | undefined;
    if (!config.databaseUrl) {
      pg = await startEmbeddedPostgres(path.join(config.dataDir, 'pg')).catch((e: Error) => {
        throw new StartupError(`Could not start the embedded PostgreSQL in ${config.dataDir}/pg: ${e.message}`);
      });
      cleanups.push(function stopEmbeddedPostgres() {
        return pg!.stop();
      });
    }
    const dataSource = createDataSource({ url: config.databaseUrl ?? pg!.url, poolSize: pg ? 1 : config.databasePoolSize });
    await dataSource.initialize().catch((e: Error) => {
      throw new StartupError(`Cannot reach PostgreSQL at DATABASE_URL (${redact(config.databaseUrl)}): ${e.message}`);
    });
    cleanups.push(function closeDatabase() {
      return dataSource.destroy();
    });
    if (config.migrateOnStart) await dataSource.runMigrations({ transaction: 'each' });

    let meili: EmbeddedMeilisearch | undefined;
    if (!config.meiliUrl) {
      meili = await startEmbeddedMeilisearch(path.join(config.dataDir, 'meili')).catch((e: Error) => {
        throw new StartupError(e.message);
      });
      cleanups.push(function stopEmbeddedMeilisearch() {
        return meili!.stop();
      });
    }
    const meiliUrl = meili?.url ?? config.meiliUrl!;
    const search = new MeilisearchEngine(
      meiliUrl,
      meili?.masterKey ?? config.meiliMasterKey!,
      config.meiliIndex,
      config.meiliPublicUrl ?? meiliUrl,
    );
    await search.ensureIndex().catch((e: Error) => {
      throw new StartupError(`Cannot reach Meilisearch at ${search.url} with MEILI_MASTER_KEY: ${e.message}`);
    });

    const services = createServices(dataSource, search, () => worker.poke());
    const indexer = new ArticleIndexer(services.articles, search);
    const worker = new OutboxWorker(services.outbox, (items) => indexer.apply(items));
    if (opts.background ?? opts.listen) worker.start();
    cleanups.push(async function drainOutbox() {
      await worker.stop();
      await worker.flush();
    });

    let httpApp: HttpApp | undefined;
    if (opts.listen) {
      httpApp = await startHttpServer(services, config.port, config.bodyLimitBytes, config.limits).catch((e: Error) => {
        throw new StartupError(`Cannot listen on PORT ${config.port}: ${e.message}`);
      });
      cleanups.push(function stopHttp() {
        return httpApp!.stop();
      });
    }
    return { config, dataSource, search, services, worker, http: httpApp, stop: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function redact(url?: string): string {
  return (url ?? '').replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
