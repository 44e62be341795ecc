import './quiet-logs';
import 'reflect-metadata';
import { runCli } from './program';
import { terminalOutput } from './cli-output';
import { openConfiguredRuntime } from './cli-runtime';
import { openConfiguredDatabase } from './cli-database';

/**
 * The `helpscope` CLI (`npm run cli -- <command>`): works on the embedded PGlite + Meilisearch under `.data/` or on
 * DATABASE_URL / MEILI_URL. Exits 0 on success, 1 with one readable line on failure.
 */
async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    out: terminalOutput(),
    openRuntime: openConfiguredRuntime,
    openDatabase: openConfiguredDatabase,
  });
  process.exit(code);
}

void main();
