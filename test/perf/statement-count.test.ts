import { countStatements, NESTED_LIST_QUERY } from '../../bench/statement-count-bench';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';
import { ArticleStatus } from '../../src/modules/articles/article.entity';
import { Feature } from '../../src/modules/catalog/feature.entity';


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
        const res = await app.gql(NESTED_LIST_QUERY, { n }, ws.keys.read);
        expect(res.errors).toBeUndefined();
        expect(res.data!.articles.edges).toHaveLength(n);
        expect(res.data!.feedbackList.edges).toHaveLength(n);
        expect(res.data!.enhancements.edges).toHaveLength(n);
      });
    await run(10); // warm the key cache
    const small = await run(10);
    const large = await run(100);
    // DataLoader batches per tick, not per request: the three lists' relation loads can land in one batch or two
    // depending on timing, so the count may differ by a statement or two between runs. An N+1 would add ~90.
    expect(Math.abs(large - small)).toBeLessThanOrEqual(2);
    expect(small).toBeGreaterThanOrEqual(6); // three pages, three counts: proves the counter sees the queries
    expect(small).toBeLessThanOrEqual(16);
  });
});
