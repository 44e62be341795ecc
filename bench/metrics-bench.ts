import { Pool } from 'pg';
import { graphql } from './http-json';
import { median, round } from './latency-stats';
import {
  ARTICLE_EFFECTIVENESS_BASELINE,
  CONTENT_GAPS_BASELINE,
  EASE_OF_USE_BASELINE,
  FEEDBACK_QUALITY_BASELINE,
  FEEDBACK_VOLUME_BASELINE,
  HELP_SEARCH_BASELINE,
  LEAD_TIME_BASELINE,
} from './metric-baselines.sql';

type Row = Record<string, unknown>;

/** One metric: its GraphQL query over [$f, $t), the baseline SQL, and how to read the same headline from each. */
interface MetricCase {
  name: string;
  query: string;
  baseline: string;
  fromGraphql(data: Row): number[];
  fromBaseline(rows: Row[]): number[];
}

/** Timings of one metric (ms, median of the timed runs). */
export interface MetricComparison {
  name: string;
  graphqlMs: number | null;
  baselineMs: number;
  /** GraphQL / baseline (target <= 1.5). */
  ratio: number | null;
  /** The same query over a range one tenth as long (a tenth of the rows). */
  tenthMs: number | null;
  /** graphqlMs / tenthMs: ~10 when the cost grows linearly with the data, ~1 when it does not depend on it. */
  growth: number | null;
  /** Whether GraphQL and the baseline agree on the headline numbers. */
  headlineMatch: boolean | null;
  headline: number[];
  error?: string;
}

const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d = (data: Row, key: string) => data[key] as any;

const CASES: MetricCase[] = [
  {
    name: 'helpSearchMetrics',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: helpSearchMetrics(from: $f, to: $t) {
      searches noResultRate clickThroughRate searchSuccessRate helpSessions selfServiceResolutionRate
      series { start searches } topQueries { query count } topFailedQueries { query count } } }`,
    baseline: HELP_SEARCH_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.searches, m.noResultRate, m.clickThroughRate, m.searchSuccessRate, m.helpSessions, m.selfServiceResolutionRate]; },
    fromBaseline: ([r]) => [r.searches, r.no_result_rate, r.click_through_rate, r.search_success_rate, r.help_sessions, r.self_service_resolution_rate].map(num),
  },
  {
    name: 'articleEffectiveness',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: articleEffectiveness(from: $f, to: $t, first: 20) {
      totalCount edges { node { article { id title } views uniqueViewers helpfulness helpfulnessLowerBound impressions clicks
      articleClickThroughRate deflectionRate flags } } } }`,
    baseline: ARTICLE_EFFECTIVENESS_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.totalCount, ...m.edges.flatMap((e: Row) => { const n = d(e, 'node'); return [n.views, n.impressions, n.clicks]; })]; },
    fromBaseline: (rows) => [num(rows[0]?.total_count), ...rows.flatMap((r) => [num(r.views), num(r.impressions), num(r.clicks)])],
  },
  {
    name: 'contentGaps',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: contentGaps(from: $f, to: $t, first: 20) {
      query searches noResultSearches closestArticle { id title } closestArticleScore } }`,
    baseline: CONTENT_GAPS_BASELINE,
    fromGraphql: (x) => d(x, 'm').flatMap((g: Row) => [g.searches, g.noResultSearches]),
    fromBaseline: (rows) => rows.flatMap((r) => [num(r.searches), num(r.no_result)]),
  },
  {
    name: 'feedbackVolume',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: feedbackVolume(from: $f, to: $t, interval: MONTH, groupBy: KIND) {
      total previousTotal buckets { start total groups { key count } } } }`,
    baseline: FEEDBACK_VOLUME_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.total, m.previousTotal]; },
    fromBaseline: ([r]) => [num(r.total), num(r.previous_total ?? 0)],
  },
  {
    name: 'feedbackQuality',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: feedbackQuality(from: $f, to: $t) {
      count mean p50 actionableCount actionableShare histogram { count } signals { name count } byFeature { count mean } } }`,
    baseline: FEEDBACK_QUALITY_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.count, m.mean, m.p50, m.actionableCount, ...m.histogram.map((h: Row) => h.count)]; },
    fromBaseline: ([r]) => [num(r.count), num(r.mean), num(r.p50), num(r.actionable), ...(r.bars as number[])],
  },
  {
    name: 'easeOfUse',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: easeOfUse(from: $f, to: $t) {
      responses meanEffortScore easyResponses easyShare byFeature { responses } byMilestone { responses } } }`,
    baseline: EASE_OF_USE_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.responses, m.meanEffortScore, m.easyResponses]; },
    fromBaseline: ([r]) => [num(r.responses), num(r.mean), num(r.easy)],
  },
  {
    name: 'enhancementLeadTime',
    query: `query($f: DateTimeISO!, $t: DateTimeISO!) { m: enhancementLeadTime(from: $f, to: $t) {
      lead { count mean p50 p90 } cycle { count p50 } openAge { count p50 } deliveredDemandRatio byFeature { lead { count } } } }`,
    baseline: LEAD_TIME_BASELINE,
    fromGraphql: (x) => { const m = d(x, 'm'); return [m.lead.count, m.lead.mean, m.lead.p50, m.lead.p90, m.deliveredDemandRatio]; },
    fromBaseline: ([r]) => [num(r.count), num(r.mean), num(r.p50), num(r.p90), num(r.delivered_demand_ratio)],
  },
];

/** True when both lists hold the same numbers (relative tolerance 1e-6; null and NaN are equal). */
function sameNumbers(a: unknown[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const p = num(x);
    const q = b[i];
    if (Number.isNaN(p) || Number.isNaN(q)) return Number.isNaN(p) && Number.isNaN(q);
    return Math.abs(p - q) <= 1e-6 * Math.max(1, Math.abs(p), Math.abs(q));
  });
}

/**
 * Times `fn`: once, and when that took under 5 s, `runs` more times (median of those). Long statements are timed once
 * so a full-scale run stays within minutes.
 */
async function timeIt<T>(fn: () => Promise<T>, runs: number): Promise<{ ms: number; result: T }> {
  let t = performance.now();
  let result = await fn();
  const first = performance.now() - t;
  if (first > 5000) return { ms: round(first, 0), result };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { ms: round(median(times), 1), result };
}

/**
 * Runs every metric through GraphQL over HTTP over the whole range, its hand-written SQL baseline over the same range
 * on the server's pool, then the GraphQL query over the last tenth of the range.
 */
export async function benchMetrics(url: string, readKey: string, pool: Pool, workspaceId: string, from: Date, to: Date, runs: number): Promise<MetricComparison[]> {
  const vars = { f: from.toISOString(), t: to.toISOString() };
  const tenth = { f: new Date(to.getTime() - (to.getTime() - from.getTime()) / 10).toISOString(), t: to.toISOString() };
  const out: MetricComparison[] = [];
  for (const c of CASES) {
    const base = await timeIt(() => pool.query(c.baseline, [workspaceId, vars.f, vars.t]), runs);
    const baseline = c.fromBaseline(base.result.rows as Row[]);
    const row: MetricComparison = { name: c.name, graphqlMs: null, baselineMs: base.ms, ratio: null, tenthMs: null, growth: null, headlineMatch: null, headline: baseline };
    try {
      const g = await timeIt(() => graphql<Row>(url, readKey, c.query, vars), runs);
      const t = await timeIt(() => graphql<Row>(url, readKey, c.query, tenth), runs);
      row.graphqlMs = g.ms;
      row.tenthMs = t.ms;
      row.ratio = round(g.ms / base.ms);
      row.growth = round(g.ms / t.ms);
      row.headline = c.fromGraphql(g.result);
      row.headlineMatch = sameNumbers(row.headline, baseline);
    } catch (e) {
      row.error = (e as Error).message;
    }
    console.log(`  ${c.name}: graphql ${row.graphqlMs ?? 'ERR'} ms, baseline ${row.baselineMs} ms, tenth ${row.tenthMs ?? '-'} ms${row.error ? ` (${row.error})` : ''}`);
    out.push(row);
  }
  return out;
}
