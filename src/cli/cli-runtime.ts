import type { Services } from '../app/services';
import { startRuntime } from '../app/runtime';
import { loadConfig } from '../core/config/config';
import { assertDataDirFree, explainStartupFailure } from './embedded-guard';
import { CliOutput } from './cli-output';

/** What data commands run against: the services plus a way to drain the search outbox and let go. */
export interface CliRuntime {
  services: Services;
  /** Applies every pending search-outbox row now (so imported articles are searchable when the CLI exits). */
  flushIndex(): Promise<unknown>;
  /** Flushes and stops whatever `open` started (an in-process test runtime stays up). */
  release(): Promise<void>;
}

/** Dependencies of the command handlers, replaceable in tests. */
export interface CliDeps {
  out: CliOutput;
  /** Starts (or lends) the database, search and services. */
  openRuntime(): Promise<CliRuntime>;
}

/**
 * Starts Helpscope without HTTP from the environment's configuration: embedded PGlite + Meilisearch under
 * `.data/` unless DATABASE_URL / MEILI_URL are set; pending migrations are applied (MIGRATE_ON_START).
 */
export async function openConfiguredRuntime(): Promise<CliRuntime> {
  const config = loadConfig();
  assertDataDirFree(config);
  const runtime = await startRuntime(config, { listen: false, background: false }).catch((e: Error) => {
    throw explainStartupFailure(config, e);
  });
  return {
    services: runtime.services,
    flushIndex: () => runtime.worker.flush(),
    async release() {
      await runtime.worker.flush();
      await runtime.stop();
    },
  };
}

/** Runs `fn` on a runtime and always flushes the search outbox and releases the runtime afterwards. */
export async function withRuntime<T>(deps: CliDeps, fn: (rt: CliRuntime) => Promise<T>): Promise<T> {
  const rt = await deps.openRuntime();
  try {
    const result = await fn(rt);
    await rt.flushIndex();
    return result;
  } finally {
    await rt.release();
  }
}
