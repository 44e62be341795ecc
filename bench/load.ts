/**
 * Long load run: `npx ts-node --transpile-only bench/load.ts` (200 clients for 60 s; override with LOAD_CLIENTS and
 * LOAD_SECONDS). Uses DATABASE_URL / MEILI_URL when set, otherwise embedded PostgreSQL and Meilisearch in a temporary
 * folder. Prints throughput, latency percentiles and errors; exits 1 when any request failed.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config/config';
import { startRuntime } from '../src/app/runtime';
import { runLoad } from './load-driver';
import { prepareLoadWorkspace } from './load-fixture';

async function main(): Promise<void> {
  const clients = Number(process.env.LOAD_CLIENTS ?? 200);
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscope-load-'));
  const config = loadConfig({
    ...process.env,
    HELPSCOPE_DATA_DIR: process.env.HELPSCOPE_DATA_DIR ?? dataDir,
    PORT: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '10000000',
    RATE_LIMIT_BURST: process.env.RATE_LIMIT_BURST ?? '10000000',
  });
  const runtime = await startRuntime(config, { listen: true });
  try {
    const target = await prepareLoadWorkspace(runtime, runtime.http!.url.replace('localhost', '127.0.0.1'));
    console.log(`Load: ${clients} clients for ${seconds} s against ${target.url}`);
    const report = await runLoad(target, clients, seconds * 1000);
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.errors ? 1 : 0;
  } finally {
    await runtime.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(`load: ${err.message}`);
  process.exit(1);
});
