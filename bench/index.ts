/**
 * `npm run bench [-- --quick | --scale <factor> | --embedded]`: generates a workspace at scale in a fresh database,
 * starts Helpscope in-process with a bundled Meilisearch and measures search, ingestion, metric queries, statements
 * per nested list request and memory, each against its target. Writes bench/results/latest.json. See
 * docs/PERFORMANCE.md.
 */
import 'reflect-metadata';
import { parseBenchOptions } from './bench-options';
import { startBenchEnvironment } from './bench-environment';
import { generateWorkspace } from './generate-workspace';
import { benchMetrics } from './metrics-bench';
import { benchStatementCounts } from './statement-count-bench';
import { benchSearch, SearchComparison } from './search-bench';
import { benchIngest } from './ingest-bench';
import { sampleRss, withPeakRss } from './memory-sampler';
import { BenchReport, machineInfo, printReport, verdicts, writeReport } from './bench-report';

async function main(): Promise<void> {
  const opts = parseBenchOptions(process.argv.slice(2));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  console.log(`bench: scale ${opts.scale} (${JSON.stringify(opts.volumes)}), ${opts.embedded ? 'embedded PGlite' : opts.adminDatabaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  const env = await startBenchEnvironment(opts);
  try {
    console.log(`server on ${env.url}, ${env.databaseLabel}; generating data`);
    const ws = await generateWorkspace(env.runtime, env.pool, opts.volumes);
    console.log(`generated in ${ws.seconds.generate.toFixed(0)} s, indexed in ${ws.seconds.index.toFixed(0)} s, vacuumed in ${ws.seconds.vacuum.toFixed(0)} s: ${JSON.stringify(ws.rows)} [${elapsed()}]`);
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = sampleRss();

    console.log(`metrics [${elapsed()}]`);
    const metrics = await benchMetrics(env.url, ws.keys.read, env.pool, ws.id, ws.from, ws.to, opts.metricRuns);

    console.log(`statements per request [${elapsed()}]`);
    const statements = await benchStatementCounts(env.url, ws.keys.read);

    console.log(`search [${elapsed()}]`);
    const search: SearchComparison[] = [];
    search.push(await benchSearch(env.url, ws.keys.search, env.runtime.search, ws.id, 1, opts.loadSeconds));
    const loaded = await withPeakRss(() => benchSearch(env.url, ws.keys.search, env.runtime.search, ws.id, 32, opts.loadSeconds));
    search.push(loaded.result);

    console.log(`ingestion [${elapsed()}]`);
    const ingest = await benchIngest(env.url, ws.keys.ingest, env.pool, ws.id, opts.ingestBatches);

    const partial: Omit<BenchReport, 'verdicts'> = {
      date: new Date().toISOString(),
      machine: machineInfo(),
      database: env.databaseLabel,
      scale: opts.scale,
      rows: ws.rows,
      storageMb: ws.storageMb,
      setupSeconds: ws.seconds,
      search,
      ingest,
      metrics,
      statements,
      memory: { idle, underLoad: loaded.peak },
    };
    const report: BenchReport = { ...partial, verdicts: verdicts(partial) };
    printReport(report);
    console.log(`\nwrote ${writeReport(report)} [${elapsed()}]`);
  } finally {
    await env.close();
  }
}

main().catch((err: Error) => {
  console.error(`bench: ${err.stack ?? err.message}`);
  process.exit(1);
});
