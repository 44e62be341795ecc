import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SearchComparison } from './search-bench';
import type { IngestComparison } from './ingest-bench';
import type { MetricComparison } from './metrics-bench';
import type { StatementCounts } from './statement-count-bench';
import type { RssSample } from './memory-sampler';

/** Everything one bench run measured; written to bench/results/latest.json. */
export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  database: string;
  scale: number;
  rows: Record<string, number>;
  storageMb: Record<string, number>;
  setupSeconds: Record<string, number>;
  search: SearchComparison[];
  ingest: IngestComparison | null;
  metrics: MetricComparison[];
  statements: StatementCounts | null;
  memory: { idle: RssSample; underLoad: RssSample } | null;
  /** One line per target: what was measured against what, PASS or MISS. */
  verdicts: Verdict[];
}

/** A measured figure against its target. */
export interface Verdict {
  section: string;
  figure: string;
  value: number | null;
  target: string;
  pass: boolean;
}

/** Machine facts for the report header. */
export function machineInfo(): BenchReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
  };
}

/** The verdict of every target in DESIGN of the bench: search ratio, ingestion ratio, metric ratios, N+1, RSS. */
export function verdicts(r: Omit<BenchReport, 'verdicts'>): Verdict[] {
  const v: Verdict[] = [];
  for (const s of r.search) {
    v.push({ section: 'search', figure: `GraphQL p50 / Meilisearch p50 at ${s.clients} client(s)`, value: s.ratio, target: '<= 1.3', pass: s.ratio <= 1.3 && s.graphql.errors === 0 });
  }
  if (r.ingest) v.push({ section: 'ingestion', figure: 'recordHelpEvents events/s / raw INSERT events/s', value: r.ingest.ratio, target: '>= 0.5', pass: r.ingest.ratio >= 0.5 });
  for (const m of r.metrics) {
    v.push({ section: 'metrics', figure: `${m.name} GraphQL / SQL baseline`, value: m.ratio, target: '<= 1.5', pass: m.ratio !== null && m.ratio <= 1.5 && m.headlineMatch !== false });
  }
  if (r.statements) v.push({ section: 'statements', figure: 'statements at first: 100 / at first: 10', value: r.statements.ratio, target: '<= 1', pass: r.statements.ratio <= 1 });
  if (r.memory) v.push({ section: 'memory', figure: 'process RSS MB under 32-client load', value: r.memory.underLoad.processMb, target: '< 300', pass: r.memory.underLoad.processMb < 300 });
  return v;
}

const pad = (s: unknown, n: number) => String(s ?? '-').padEnd(n);
const lpad = (s: unknown, n: number) => String(s ?? '-').padStart(n);

/** Prints the report as tables, each target with PASS or MISS. */
export function printReport(r: BenchReport): void {
  const out: string[] = [];
  out.push(`\nHelpscope bench ${r.date} on ${r.database}, scale ${r.scale} (${r.machine.cpus} CPUs, ${r.machine.cpuModel})`);
  out.push(`rows: ${Object.entries(r.rows).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out.push(`storage MB (with indexes): ${Object.entries(r.storageMb).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out.push('\n1. search (p50 / p99 ms, req/s)       GraphQL                   Meilisearch direct        ratio');
  for (const s of r.search) {
    out.push(`   ${pad(`${s.clients} client(s)`, 33)} ${pad(`${s.graphql.p50Ms} / ${s.graphql.p99Ms}, ${s.graphql.perSecond}/s`, 25)} ${pad(`${s.direct.p50Ms} / ${s.direct.p99Ms}, ${s.direct.perSecond}/s`, 25)} ${s.ratio}${s.graphql.errors ? ` (${s.graphql.errors} errors)` : ''}`);
  }
  if (r.ingest) {
    out.push(`\n2. ingestion, batches of ${r.ingest.batchSize}: recordHelpEvents ${r.ingest.graphqlPerSecond} events/s, raw INSERT ${r.ingest.rawPerSecond} events/s, ratio ${r.ingest.ratio}`);
  }
  out.push('\n3. metrics (ms)             GraphQL    baseline  ratio  tenth-range  growth  headline');
  for (const m of r.metrics) {
    out.push(`   ${pad(m.name, 22)} ${lpad(m.graphqlMs, 9)} ${lpad(m.baselineMs, 10)} ${lpad(m.ratio, 6)} ${lpad(m.tenthMs, 12)} ${lpad(m.growth, 7)}  ${m.error ? `ERROR ${m.error.slice(0, 60)}` : m.headlineMatch ? 'same' : 'DIFFERS'}`);
  }
  if (r.statements) out.push(`\n4. statements per nested list request: first 10 -> ${r.statements.pageSize10}, first 100 -> ${r.statements.pageSize100}`);
  if (r.memory) {
    out.push(`\n5. RSS MB: idle ${r.memory.idle.processMb} (Meilisearch ${r.memory.idle.meilisearchMb ?? '?'}), under load ${r.memory.underLoad.processMb} (Meilisearch ${r.memory.underLoad.meilisearchMb ?? '?'})`);
  }
  out.push('\ntargets');
  for (const v of r.verdicts) out.push(`   ${v.pass ? 'PASS' : 'MISS'}  ${pad(v.section, 11)} ${pad(v.figure, 52)} ${lpad(v.value, 8)}  target ${v.target}`);
  console.log(out.join('\n'));
}

/** Writes the report as bench/results/latest.json (and a dated copy). */
export function writeReport(r: BenchReport): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  fs.writeFileSync(file, JSON.stringify(r, null, 2));
  fs.writeFileSync(path.join(dir, `bench-${r.date.replace(/[:.]/g, '-')}-scale-${r.scale}.json`), JSON.stringify(r, null, 2));
  return file;
}
