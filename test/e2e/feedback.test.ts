import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const SUBMIT = `mutation($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) {
    duplicate
    feedback { id kind text source externalId qualityScore duplicateOfId tags
      qualitySignals { name present weight } feature { key } milestone { key } }
  }
}`;
const BATCH = `mutation($items: [SubmitFeedbackInput!]!) {
  submitFeedbackBatch(items: $items) { index status feedback { id externalId } error { code message field } }
}`;
const LIST = `query($filter: FeedbackFilter, $first: Int, $after: String) {
  feedbackList(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id text feature { key } } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('feedback ingestion and browsing (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    await app.runtime.services.catalog.createFeature(ws.ctx, 'billing', 'Billing');
    await app.runtime.services.catalog.createMilestone(ws.ctx, 'first-project', 'First project');
  });
  afterAll(() => app.stop());

  it('stores an item with its quality signals and answers a retry with the original', async () => {
    const input = {
      kind: 'FEATURE',
      text: '## Steps to reproduce\n1. Open billing\n2. Download the invoice\n\nExpected: a PDF. Actual: an empty page, every time we try it on the new plan.',
      rating: 2,
      source: 'in_app',
      externalId: 'ext-1',
      externalAccountId: 'acct-1',
      featureKey: 'billing',
      tags: ['Invoices', 'invoices '],
    };
    const first = await app.gql(SUBMIT, { input }, ws.keys.ingest);
    expect(first.errors).toBeUndefined();
    const fb = first.data!.submitFeedback.feedback;
    expect(first.data!.submitFeedback.duplicate).toBe(false);
    expect(fb.feature.key).toBe('billing');
    expect(fb.tags).toEqual(['invoices']);
    // enoughWords 20 + specific 20 + hasScore 15 + describesSteps 20 + attributed 10 + notDuplicate 15
    expect(fb.qualityScore).toBe(100);
    expect(fb.qualitySignals).toContainEqual({ name: 'describesSteps', present: true, weight: 20 });
    const again = await app.gql(SUBMIT, { input: { ...input, text: 'changed' } }, ws.keys.write);
    expect(again.data!.submitFeedback).toMatchObject({ duplicate: true, feedback: { id: fb.id, text: input.text } });
  });

  it('flags a near-duplicate from the same account within 7 days, without dropping it', async () => {
    const text = 'The export button on the reports page does nothing when I click it on Firefox, please fix it soon';
    const a = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text, source: 'survey', externalAccountId: 'acct-9', occurredAt: '2026-01-01T10:00:00Z' } }, ws.keys.ingest);
    const b = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text: text.toUpperCase() + '!', source: 'widget', externalAccountId: 'acct-9', occurredAt: '2026-01-03T10:00:00Z' } }, ws.keys.ingest);
    const c = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text, source: 'widget', externalAccountId: 'acct-9', occurredAt: '2026-01-20T10:00:00Z' } }, ws.keys.ingest);
    expect(b.data!.submitFeedback.feedback.duplicateOfId).toBe(a.data!.submitFeedback.feedback.id);
    expect(b.data!.submitFeedback.feedback.qualitySignals).toContainEqual({ name: 'notDuplicate', present: false, weight: 15 });
    expect(c.data!.submitFeedback.feedback.duplicateOfId).toBeNull(); // 17 days later: outside the window
  });

  it('refuses bad single items with BAD_USER_INPUT and a field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'EASE_OF_USE', text: 'hard', source: 'x' }, 'effortScore'],
      [{ kind: 'FEATURE', text: 'ok', source: 'x', effortScore: 3 }, 'effortScore'],
      [{ kind: 'MILESTONE', text: 'ok', source: 'x' }, 'milestoneId'],
      [{ kind: 'FEATURE', text: '   ', source: 'x' }, 'text'],
      [{ kind: 'FEATURE', text: 'x'.repeat(20001), source: 'x' }, 'text'],
      [{ kind: 'FEATURE', text: 'ok', source: 'Not A Slug!' }, 'source'],
      [{ kind: 'FEATURE', text: 'ok', source: 'x', rating: 6 }, 'rating'],
      [{ kind: 'FEATURE', text: 'ok', source: 'x', featureKey: 'nope' }, 'featureKey'],
      [{ kind: 'FEATURE', text: 'ok', source: 'x', occurredAt: new Date(Date.now() + 3600_000).toISOString() }, 'occurredAt'],
      [{ kind: 'FEATURE', text: 'ok', source: 'x', metadata: { blob: 'y'.repeat(17000) } }, 'metadata'],
    ];
    for (const [input, field] of cases) {
      const res = await app.gql(SUBMIT, { input }, ws.keys.ingest);
      expect({ field, ext: res.errors?.[0].extensions }).toEqual({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    const ok = await app.gql(SUBMIT, { input: { kind: 'MILESTONE', text: 'fine', source: 'x', milestoneKey: 'first-project' } }, ws.keys.ingest);
    expect(ok.data!.submitFeedback.feedback.milestone.key).toBe('first-project');
  });

  it('stores the 990 valid items of a 1,000-item batch, reports the 10 bad ones, and stores nothing on retry', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      kind: i % 100 === 7 ? 'EASE_OF_USE' : 'FEATURE', // EASE_OF_USE without effortScore: invalid
      text: `batch item ${i}`,
      source: 'bulk',
      externalId: `b-${i}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    const res = await app.gql(BATCH, { items }, ws.keys.ingest);
    expect(res.errors).toBeUndefined();
    const results = res.data!.submitFeedbackBatch as { index: number; status: string; error: { field: string } | null }[];
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
    expect(results.filter((r) => r.status === 'CREATED')).toHaveLength(990);
    const errors = results.filter((r) => r.status === 'ERROR');
    expect(errors.map((r) => r.index)).toEqual([7, 107, 207, 307, 407, 507, 607, 707, 807, 907]);
    expect(errors[0].error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effortScore' });

    const retry = await app.gql(BATCH, { items }, ws.keys.ingest);
    const again = retry.data!.submitFeedbackBatch as { status: string; feedback: { externalId: string } | null }[];
    expect(again.filter((r) => r.status === 'CREATED')).toHaveLength(0);
    expect(again.filter((r) => r.status === 'DUPLICATE')).toHaveLength(990);
    const list = await app.gql(LIST, { filter: { source: 'bulk' }, first: 1 }, ws.keys.read);
    expect(list.data!.feedbackList.totalCount).toBe(990);
  });

  it('answers repeats of a key inside one batch with the first item, and keeps items without externalId new', async () => {
    const item = { kind: 'FEATURE', text: 'same key twice', source: 'dup', externalId: 'k1' };
    const res = await app.gql(BATCH, { items: [item, item, { ...item, externalId: null }, { ...item, externalId: null }] }, ws.keys.ingest);
    const r = res.data!.submitFeedbackBatch;
    expect(r.map((x: { status: string }) => x.status)).toEqual(['CREATED', 'DUPLICATE', 'CREATED', 'CREATED']);
    expect(r[1].feedback.id).toBe(r[0].feedback.id);
    expect(r[2].feedback.id).not.toBe(r[3].feedback.id);
  });

  it('never duplicates items when the same batch is sent concurrently', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ kind: 'FEATURE', text: `race ${i}`, source: 'race', externalId: `r-${i}` }));
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.gql(BATCH, { items }, ws.keys.ingest)));
    const statuses = [a, b, c].flatMap((r) => r.data!.submitFeedbackBatch.map((x: { status: string }) => x.status));
    expect(statuses.filter((s) => s === 'CREATED')).toHaveLength(200);
    expect(statuses.filter((s) => s === 'DUPLICATE')).toHaveLength(400);
    const ids = (r: typeof a) => r.data!.submitFeedbackBatch.map((x: { feedback: { id: string } }) => x.feedback.id);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(c)).toEqual(ids(a));
    const list = await app.gql(LIST, { filter: { source: 'race' }, first: 1 }, ws.keys.read);
    expect(list.data!.feedbackList.totalCount).toBe(200);
  });

  it('refuses a batch over 1,000 items as a whole', async () => {
    const items = Array.from({ length: 1001 }, () => ({ kind: 'FEATURE', text: 't', source: 'x' }));
    const res = await app.gql(BATCH, { items }, ws.keys.ingest);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters and pages the list; text search matches % and _ literally', async () => {
    await app.gql(BATCH, {
      items: [
        { kind: 'FEATURE', text: 'discount of 100% please', source: 'likes', featureKey: 'billing' },
        { kind: 'FEATURE', text: 'discount of 1000 please', source: 'likes' },
        { kind: 'FEATURE', text: 'snake_case names', source: 'likes' },
        { kind: 'FEATURE', text: 'snakeXcase names', source: 'likes' },
      ],
    }, ws.keys.ingest);
    const pct = await app.gql(LIST, { filter: { text: '100%' } }, ws.keys.read);
    expect(pct.data!.feedbackList.edges.map((e: { node: { text: string } }) => e.node.text)).toEqual(['discount of 100% please']);
    expect(pct.data!.feedbackList.edges[0].node.feature.key).toBe('billing');
    const under = await app.gql(LIST, { filter: { text: 'SNAKE_case' } }, ws.keys.read);
    expect(under.data!.feedbackList.totalCount).toBe(1);
    const seen = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await app.gql(LIST, { filter: { source: 'likes' }, first: 3, after }, ws.keys.read);
      for (const e of page.data!.feedbackList.edges) seen.add(e.node.id);
      if (!page.data!.feedbackList.pageInfo.hasNextPage) break;
      after = page.data!.feedbackList.pageInfo.endCursor;
    }
    expect(seen.size).toBe(4);
    const hq = await app.gql(LIST, { filter: { minQuality: 100 } }, ws.keys.read);
    expect(hq.data!.feedbackList.totalCount).toBe(1);
    const bad = await app.gql(LIST, { filter: { minQuality: 101 } }, ws.keys.read);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers FORBIDDEN to keys without the scope', async () => {
    const input = { kind: 'FEATURE', text: 'x', source: 'x' };
    expect((await app.gql(SUBMIT, { input }, ws.keys.read)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(SUBMIT, { input }, ws.keys.search)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(BATCH, { items: [input] }, ws.keys.search)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(LIST, {}, ws.keys.ingest)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(LIST, {}, ws.keys.search)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('never shows one workspace the feedback of another', async () => {
    const other = await app.workspace();
    const mine = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text: 'secret', source: 'iso', externalId: 'same' } }, ws.keys.ingest);
    const id = mine.data!.submitFeedback.feedback.id;
    const byId = await app.gql('query($id: UUID!) { feedback(id: $id) { id } }', { id }, other.keys.read);
    expect(byId.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await app.gql(LIST, {}, other.keys.read);
    expect(list.data!.feedbackList.totalCount).toBe(0);
    // The same idempotency key in another workspace is a different item.
    const theirs = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text: 'theirs', source: 'iso', externalId: 'same' } }, other.keys.ingest);
    expect(theirs.data!.submitFeedback).toMatchObject({ duplicate: false });
    expect(theirs.data!.submitFeedback.feedback.id).not.toBe(id);
    // A feature id of another workspace is refused.
    const feats = await app.gql('{ features { id } }', {}, ws.keys.read);
    const cross = await app.gql(SUBMIT, { input: { kind: 'FEATURE', text: 'x', source: 'iso', featureId: feats.data!.features[0].id } }, other.keys.ingest);
    expect(cross.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'featureId' });
  });
});
