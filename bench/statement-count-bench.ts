import { Client } from 'pg';
import { graphql } from './http-json';

/** SQL statements one nested list request sends, at two page sizes. */
export interface StatementCounts {
  pageSize10: number;
  pageSize100: number;
  /** Statements at 100 / statements at 10 (target <= 1: no N+1). */
  ratio: number;
}

/** The nested list request measured here and in test/perf/statement-count.test.ts: three connections with relations. */
export const NESTED_LIST_QUERY = `query($n: Int) {
  articles(first: $n) { totalCount edges { node { id feature { id key parentId } } } }
  feedbackList(first: $n) { totalCount edges { node { id feature { key } milestone { key } qualitySignals { name present } } } }
  enhancements(first: $n) { totalCount edges { node { id feature { key } linkedFeedbackCount statusHistory { toStatus at } } } }
}`;

/** Counts statements sent through `pg` (a wrapper on Client.prototype.query) while `fn` runs. */
export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return n;
}

/** Runs the nested request at page sizes 10 and 100 (after a warm-up that fills the API-key cache). */
export async function benchStatementCounts(url: string, readKey: string): Promise<StatementCounts> {
  const run = (n: number) => countStatements(() => graphql(url, readKey, NESTED_LIST_QUERY, { n }));
  await run(10);
  const pageSize10 = await run(10);
  const pageSize100 = await run(100);
  return { pageSize10, pageSize100, ratio: Math.round((pageSize100 / pageSize10) * 100) / 100 };
}
