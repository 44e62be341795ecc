import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const FIELDS = `id kind text rating effortScore externalAccountId tags qualityScore duplicateOfId featureId milestoneId
  qualitySignals { name present weight } feature { key } milestone { key }`;
const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { ${FIELDS} } } }`;
const UPDATE = `mutation($id: UUID!, $input: UpdateFeedbackInput!) { updateFeedback(id: $id, input: $input) { ${FIELDS} } }`;
const GET = `query($id: UUID!) { feedback(id: $id) { ${FIELDS} } }`;

type Item = {
  id: string;
  qualityScore: number;
  duplicateOfId: string | null;
  qualitySignals: { name: string; present: boolean; weight: number }[];
  feature: { key: string } | null;
  [k: string]: unknown;
};

const signal = (item: Item, name: string) => item.qualitySignals.find((s) => s.name === name)!;

describe('updateFeedback: triage with re-scoring (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let billingId: string;

  const submit = async (input: Record<string, unknown>, w: TestWorkspace = ws): Promise<Item> => {
    const res = await app.gql(SUBMIT, { input: { source: 'in_app', kind: 'FEATURE', ...input } }, w.keys.ingest);
    expect(res.errors).toBeUndefined();
    return res.data!.submitFeedback.feedback;
  };
  const update = (id: string, input: Record<string, unknown>, key = ws.keys.write) => app.gql(UPDATE, { id, input }, key);
  const read = async (id: string): Promise<Item> => (await app.gql(GET, { id }, ws.keys.read)).data!.feedback;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    billingId = (await app.runtime.services.catalog.createFeature(ws.ctx, 'billing', 'Billing')).id;
    await app.runtime.services.catalog.createMilestone(ws.ctx, 'first-project', 'First project');
    await app.runtime.services.catalog.createFeature(other.ctx, 'theirs', 'Their feature');
  });
  afterAll(() => app.stop());

  it('assigning a feature adds exactly the `specific` weight; clearing it takes it back', async () => {
    const item = await submit({ text: 'the invoice page is slow', rating: 3 });
    expect(signal(item, 'specific')).toEqual({ name: 'specific', present: false, weight: 20 });

    const assigned = await update(item.id, { featureKey: 'billing' });
    expect(assigned.errors).toBeUndefined();
    const a: Item = assigned.data!.updateFeedback;
    expect(a.feature).toEqual({ key: 'billing' });
    expect(a.qualityScore).toBe(item.qualityScore + 20);
    expect(signal(a, 'specific').present).toBe(true);
    expect(a.qualitySignals.filter((s) => s.name !== 'specific')).toEqual(item.qualitySignals.filter((s) => s.name !== 'specific'));
    expect(await read(item.id)).toEqual(a);

    const cleared: Item = (await update(item.id, { featureKey: null })).data!.updateFeedback;
    expect(cleared).toMatchObject({ feature: null, featureId: null, qualityScore: item.qualityScore, rating: 3 });
    expect(signal(cleared, 'specific').present).toBe(false);

    const byId: Item = (await update(item.id, { featureId: billingId })).data!.updateFeedback;
    expect(byId).toMatchObject({ featureId: billingId, qualityScore: item.qualityScore + 20 });
  });

  it('changes rating, tags, account, milestone and effort score, re-scoring each signal', async () => {
    const item = await submit({ text: 'hard to set up', kind: 'EASE_OF_USE', effortScore: 2, tags: ['setup'] });
    expect(item.qualityScore).toBe(15 + 15); // hasScore + notDuplicate
    const res = await update(item.id, {
      effortScore: 6,
      tags: ['Onboarding', 'onboarding ', 'setup'],
      externalAccountId: ' acct-42 ',
      milestoneKey: 'first-project',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateFeedback).toMatchObject({
      effortScore: 6,
      tags: ['onboarding', 'setup'],
      externalAccountId: 'acct-42',
      milestone: { key: 'first-project' },
      qualityScore: 30 + 20 + 10, // + specific + attributed
    });
    const unattributed = await update(item.id, { externalAccountId: null, tags: null, milestoneId: null });
    expect(unattributed.data!.updateFeedback).toMatchObject({ externalAccountId: null, tags: [], milestone: null, qualityScore: 30 });
  });

  it('editing text into a near-copy of an earlier item of the same account links it and lowers the score', async () => {
    const text = 'The CSV export on the reports page times out for every workspace with more than ten thousand rows';
    const original = await submit({ text, externalAccountId: 'acct-dup', occurredAt: '2026-02-01T09:00:00Z' });
    const later = await submit({ text: 'Dark mode please', externalAccountId: 'acct-dup', occurredAt: '2026-02-03T09:00:00Z' });
    expect(later.duplicateOfId).toBeNull();

    const res = await update(later.id, { text: `${text.toUpperCase()}!!` });
    expect(res.errors).toBeUndefined();
    const dup: Item = res.data!.updateFeedback;
    expect(dup.duplicateOfId).toBe(original.id);
    expect(signal(dup, 'notDuplicate').present).toBe(false);
    // both texts are under 20 words and describe no steps: only notDuplicate (15) changes
    expect(dup.qualityScore).toBe(later.qualityScore - 15);

    // the original is not a duplicate of its own copy
    const orig: Item = (await update(original.id, { rating: 2 })).data!.updateFeedback;
    expect(orig.duplicateOfId).toBeNull();
    // rewriting the original frees its copy: the copy's link and score are recomputed
    await update(original.id, { text: 'Completely different: the billing page shows the wrong currency for EU customers' });
    const freed = await read(later.id);
    expect(freed.duplicateOfId).toBeNull();
    expect(freed.qualityScore).toBe(dup.qualityScore + 15);

    // another account's copy is never a duplicate
    const stranger = await submit({ text: 'hello', externalAccountId: 'acct-other', occurredAt: '2026-02-02T09:00:00Z' });
    expect((await update(stranger.id, { text })).data!.updateFeedback.duplicateOfId).toBeNull();
  });

  it('refuses invalid values with BAD_USER_INPUT and the field, writing nothing', async () => {
    const item = await submit({ text: 'keep me as I am', rating: 4, featureKey: 'billing', externalAccountId: 'acct-keep' });
    const eou = await submit({ text: 'ok', kind: 'EASE_OF_USE', effortScore: 4 });
    const ms = await submit({ text: 'milestone', kind: 'MILESTONE', milestoneKey: 'first-project' });
    const cases: [string, Record<string, unknown>, string][] = [
      [item.id, { rating: 6 }, 'rating'],
      [item.id, { rating: 0, text: 'valid text but bad rating' }, 'rating'],
      [item.id, { effortScore: 3 }, 'effortScore'],
      [eou.id, { effortScore: null }, 'effortScore'],
      [eou.id, { effortScore: 8 }, 'effortScore'],
      [item.id, { text: '   ' }, 'text'],
      [item.id, { text: null }, 'text'],
      [item.id, { text: 'x'.repeat(20_001) }, 'text'],
      [item.id, { featureKey: 'nope' }, 'featureKey'],
      [item.id, { featureKey: 'theirs' }, 'featureKey'],
      [item.id, { featureId: '00000000-0000-4000-8000-000000000000' }, 'featureId'],
      [item.id, { featureId: billingId, featureKey: 'billing' }, 'featureId'],
      [item.id, { milestoneKey: 'nope', text: 'changed too' }, 'milestoneKey'],
      [ms.id, { milestoneKey: null }, 'milestoneId'],
      [item.id, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      [item.id, { externalAccountId: 'a'.repeat(201) }, 'externalAccountId'],
    ];
    const before = await Promise.all([item, eou, ms].map((i) => read(i.id)));
    for (const [id, input, field] of cases) {
      const res = await update(id, input);
      expect({ input, data: res.data, ext: res.errors?.[0].extensions }).toEqual({
        input,
        data: null,
        ext: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect(await Promise.all([item, eou, ms].map((i) => read(i.id)))).toEqual(before);
  });

  it("answers NOT_FOUND for unknown ids and another workspace's items, changing nothing", async () => {
    const theirs = await submit({ text: 'their item' }, other);
    const res = await update(theirs.id, { text: 'hijacked', rating: 1 });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unknown = await update('00000000-0000-4000-8000-000000000001', { rating: 1 });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const still = await app.gql(GET, { id: theirs.id }, other.keys.read);
    expect(still.data!.feedback).toEqual(theirs);
  });

  it('serializes concurrent updates of one item: no change is lost and the score matches the final state', async () => {
    const item = await submit({ text: 'racing edits' });
    const changes = [
      { featureKey: 'billing' },
      { rating: 4 },
      { externalAccountId: 'acct-race' },
      { tags: ['raced'] },
      { milestoneKey: 'first-project' },
      { text: 'racing edits, reworded' },
    ];
    for (const res of await Promise.all(changes.map((c) => update(item.id, c)))) expect(res.errors).toBeUndefined();
    const final = await read(item.id);
    expect(final).toMatchObject({
      feature: { key: 'billing' },
      rating: 4,
      externalAccountId: 'acct-race',
      tags: ['raced'],
      milestone: { key: 'first-project' },
      text: 'racing edits, reworded',
      qualityScore: 20 + 15 + 10 + 15, // specific + hasScore + attributed + notDuplicate
    });
  });

  it('needs the write scope (admin holds it)', async () => {
    const item = await submit({ text: 'scoped' });
    for (const key of [ws.keys.ingest, ws.keys.read, ws.keys.search]) {
      const res = await update(item.id, { rating: 5 }, key);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.gql(UPDATE, { id: item.id, input: { rating: 5 } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await read(item.id)).rating).toBeNull();
    const admin = await update(item.id, { rating: 5 }, ws.keys.admin);
    expect(admin.data!.updateFeedback).toMatchObject({ rating: 5, qualityScore: item.qualityScore + 15 });
  });
});
