import fs from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../core/config/config';
import { CliError } from './cli-errors';

/** The hint added to every failure to open the embedded stores. */
export const EMBEDDED_HINT =
  'the embedded database and search in this data folder can be used by one process at a time: stop the running ' +
  'Helpscope server (npm start) first, or point the CLI at external ones with DATABASE_URL and MEILI_URL';

/**
 * Refuses to start the embedded PostgreSQL/Meilisearch on a data folder a running server already uses (PGlite itself
 * does not lock its folder, so two processes would corrupt it). Detection looks, on Linux, for the Meilisearch child
 * process the server spawns on `<dataDir>/meili`; elsewhere it is skipped.
 */
export function assertDataDirFree(config: AppConfig): void {
  if (config.databaseUrl && config.meiliUrl) return;
  const pid = findMeilisearchOn(path.join(config.dataDir, 'meili', 'data'));
  if (pid) throw new CliError(`${config.dataDir} is in use by another Helpscope process (pid ${pid}): ${EMBEDDED_HINT}`);
}

/** Wraps a start-up failure of the embedded stores in a message that says what to do. */
export function explainStartupFailure(config: AppConfig, err: Error): Error {
  if (config.databaseUrl && config.meiliUrl) return err;
  return new CliError(`${err.message.split('\n')[0]} (${EMBEDDED_HINT})`);
}

function findMeilisearchOn(dbPath: string): number | undefined {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const i = args.indexOf('--db-path');
    if (i >= 0 && path.resolve(args[i + 1] ?? '') === dbPath && Number(pid) !== process.pid) return Number(pid);
  }
  return undefined;
}
