import { Client } from 'pg';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';
import { ArticleStatus } from '../../src/modules/articles/article.entity';
import { Feature } from '../../src/modules/catalog/feature.entity';

/** Counts SQL statements sent through `pg` while `fn` runs. */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
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

const NESTED = `query($n: Int) {
  articles(first: $n) { totalCount edges { node { id feature { id key parentId } } } }
  feedbackList(first: $n) { totalCount edges { node { id feature { key } milestone { key } qualitySignals { name present } } } }
  enhancements(first: $n) { totalCount edges { node { id feature { key } linkedFeedbackCount statusHistory { toStatus at } } } }
}`;

describe('statements per nested list request', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const { catalog, articles, feedback, enhancements } = app.runtime.services;
    const features: Feature[] = [];
    for (let i = 0; i < 5; i++) features.push(await catalog.createFeature(ws.ctx, `f${i}`, `Feature ${i}`));
    const milestone = await catalog.createMilestone(ws.ctx, 'm1', 'Milestone');
    for (let i = 0; i < 120; i++) {
      await articles.create(ws.ctx, {
        title: `Article ${i}`,
        body: 'body',
        featureId: features[i % 5].id,
        status: ArticleStatus.DRAFT,
      });
    }
    const results = await feedback.submitBatch(
      ws.ctx,
      Array.from({ length: 120 }, (_, i) => ({
        kind: i % 2 ? FeedbackKind.FEATURE : FeedbackKind.MILESTONE,
        text: `Feedback number ${i} about something specific`,
        source: 'test',
        externalId: `s-${i}`,
        featureId: features[i % 5].id,
        milestoneId: i % 2 ? null : milestone.id,
      })),
    );
    for (let i = 0; i < 120; i++) {
      const e = await enhancements.create(ws.ctx, { title: `Enhancement ${i}`, featureId: features[i % 5].id });
      await enhancements.linkFeedback(ws.ctx, e.id, [results[i].feedback!.id]);
    }
  });
  afterAll(() => app.stop());

  it('does not grow with the page size', async () => {
    const run = (n: number) =>
      countStatements(async () => {
        const res = await app.gql(NESTED, { n }, ws.keys.read);
        expect(res.errors).toBeUndefined();
        expect(res.data!.articles.edges).toHaveLength(n);
        expect(res.data!.feedbackList.edges).toHaveLength(n);
        expect(res.data!.enhancements.edges).toHaveLength(n);
      });
    await run(10); // warm the key cache
    const small = await run(10);
    const large = await run(100);
    expect(large).toBe(small);
    expect(small).toBeGreaterThanOrEqual(6); // three pages, three counts: proves the counter sees the queries
    expect(small).toBeLessThanOrEqual(16);
  });
});
