import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { SubmitFeedbackInput } from '../../src/modules/feedback/dto/feedback.input';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const QUALITY = `query($from: DateTimeISO!, $to: DateTimeISO!, $filter: FeedbackMetricFilter) {
  feedbackQuality(from: $from, to: $to, filter: $filter) {
    count mean p50 actionableCount actionableShare
    histogram { lower upper count }
    signals { name count share }
    byFeature { featureId feature { key } count mean actionableShare }
  }
}`;

const T0 = Date.parse('2025-06-01T00:00:00Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR);
const FROM = at(0).toISOString();
const TO = at(240).toISOString(); // 10 days

/** 3 words: no `enoughWords`, no `describesSteps`. */
const SHORT = 'Export is slow';
/** 25 words, no step phrasing: `enoughWords` only. */
const LONG =
  'The export of large projects to CSV takes several minutes and often times out before the file is ready for our team to download it';
/** 31 words with "Expected:" and "Actual:": `enoughWords` and `describesSteps`. */
const LONG_STEPS = `${LONG}. Expected: a file. Actual: a timeout.`;
/** 5 words with "Steps to reproduce": `describesSteps` only. */
const STEPS_SHORT = 'Steps to reproduce: open export';

/**
 * Known answers. Weights: enoughWords 20, specific (feature or milestone) 20, hasScore 15, describesSteps 20,
 * attributed (account) 10, notDuplicate 15. Range [T0, T0 + 240 h).
 *
 * | id  | h  | kind        | text        | feat | ms | score     | acct | source | quality                    |
 * | Q1  | 0  | FEATURE     | SHORT       | A    |    |           |      | in_app | 20+15           = 35       |
 * | Q2  | 1  | FEATURE     | SHORT       | A    |    | rating 4  | a2   | in_app | 20+15+10+15     = 60       |
 * | Q3  | 2  | FEATURE     | LONG        | A    |    | rating 2  | a3   | in_app | 20+20+15+10+15  = 80       |
 * | Q4  | 3  | FEATURE     | LONG_STEPS  | A    |    | rating 5  | a4   | in_app | all             = 100      |
 * | Q5  | 4  | FEATURE     | LONG_STEPS  | B    |    |           |      | in_app | 20+20+20+15     = 75       |
 * | Q6  | 5  | FEATURE     | SHORT       | B    |    |           |      | in_app | 20+15           = 35       |
 * | Q7  | 6  | FEATURE     | SHORT       |      |    |           |      | in_app | 15              = 15       |
 * | Q8  | 7  | FEATURE     | STEPS_SHORT |      |    |           | a8   | in_app | 20+10+15        = 45       |
 * | Q9  | 8  | MILESTONE   | SHORT       |      | M  | rating 3  |      | survey | 20+15+15        = 50       |
 * | Q10 | 9  | MILESTONE   | LONG        |      | M  |           | a10  | survey | 20+20+10+15     = 65       |
 * | Q11 | 10 | EASE_OF_USE | SHORT       | A    |    | effort 6  |      | survey | 20+15+15        = 50       |
 * | Q12 | 11 | FEATURE     | SHORT       | A    |    | rating 4  | a2   | in_app | Q2 again 10 h later: a near-duplicate, 20+15+10 = 45 |
 * | X1  | -1 ms before T0, X2 at T0 + 240 h (= `to`): both outside the range, both would score 100.
 *
 * Sorted: 15 35 35 45 45 50 50 60 65 75 80 100; sum 655, mean 655/12 = 54.5833; p50 (50+50)/2 = 50;
 * actionable (>= 60): 60 65 75 80 100 = 5 -> 5/12.
 * Histogram: [10,20) 1, [30,40) 2, [40,50) 2, [50,60) 2, [60,70) 2, [70,80) 1, [80,90) 1, [90,100] 1, others 0.
 * Signals: enoughWords Q3 Q4 Q5 Q10 = 4; specific all but Q7 Q8 = 10; hasScore Q2 Q3 Q4 Q9 Q11 Q12 = 6;
 * describesSteps Q4 Q5 Q8 = 3; attributed Q2 Q3 Q4 Q8 Q10 Q12 = 6; notDuplicate all but Q12 = 11.
 * By feature: A {35 60 80 100 50 45} n 6, mean 370/6, actionable 3/6; B {75 35} n 2, mean 55, 1/2;
 * none {15 45 50 65} n 4, mean 43.75, 1/4.
 */
describe('feedbackQuality (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let featureA: string;
  let featureB: string;
  let milestone: string;
  const quality = async (vars: Record<string, unknown>) => {
    const res = await app.gql(QUALITY, vars, ws.keys.read);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.feedbackQuality;
  };
  const bars = (counts: number[]) => counts.map((count, i) => ({ lower: i * 10, upper: i * 10 + 10, count }));

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const catalog = app.runtime.services.catalog;
    featureA = (await catalog.createFeature(ws.ctx, 'export', 'Export')).id;
    featureB = (await catalog.createFeature(ws.ctx, 'billing', 'Billing')).id;
    milestone = (await catalog.createMilestone(ws.ctx, 'first-export', 'First export', 1)).id;
    const F = FeedbackKind.FEATURE;
    const item = (
      id: string,
      when: Date,
      kind: FeedbackKind,
      text: string,
      extra: Partial<SubmitFeedbackInput> = {},
    ): SubmitFeedbackInput => ({ kind, text, source: 'in_app', externalId: id, occurredAt: when, ...extra }) as SubmitFeedbackInput;
    const items = [
      item('Q1', at(0), F, SHORT, { featureId: featureA }),
      item('Q2', at(1), F, SHORT, { featureId: featureA, rating: 4, externalAccountId: 'a2' }),
      item('Q3', at(2), F, LONG, { featureId: featureA, rating: 2, externalAccountId: 'a3' }),
      item('Q4', at(3), F, LONG_STEPS, { featureId: featureA, rating: 5, externalAccountId: 'a4' }),
      item('Q5', at(4), F, LONG_STEPS, { featureId: featureB }),
      item('Q6', at(5), F, SHORT, { featureId: featureB }),
      item('Q7', at(6), F, SHORT),
      item('Q8', at(7), F, STEPS_SHORT, { externalAccountId: 'a8' }),
      item('Q9', at(8), FeedbackKind.MILESTONE, SHORT, { milestoneId: milestone, rating: 3, source: 'survey' }),
      item('Q10', at(9), FeedbackKind.MILESTONE, LONG, { milestoneId: milestone, externalAccountId: 'a10', source: 'survey' }),
      item('Q11', at(10), FeedbackKind.EASE_OF_USE, SHORT, { featureId: featureA, effortScore: 6, source: 'survey' }),
      item('Q12', at(11), F, SHORT, { featureId: featureA, rating: 4, externalAccountId: 'a2' }),
      item('X1', new Date(T0 - 1), F, LONG_STEPS, { featureId: featureA, rating: 5, externalAccountId: 'x1' }),
      item('X2', at(240), F, LONG_STEPS, { featureId: featureA, rating: 5, externalAccountId: 'x2' }),
    ];
    const results = await app.runtime.services.feedback.submitBatch(ws.ctx, items);
    expect(results.map((r) => [r.status, r.feedback?.qualityScore])).toEqual(
      [35, 60, 80, 100, 75, 35, 15, 45, 50, 65, 50, 45, 100, 100].map((s) => ['CREATED', s]),
    );
    // Another workspace with perfect items in the same range: never counted.
    const other = await app.workspace();
    const otherFeature = (await catalog.createFeature(other.ctx, 'export', 'Export')).id;
    await app.runtime.services.feedback.submitBatch(other.ctx, [
      item('O1', at(1), F, LONG_STEPS, { featureId: otherFeature, rating: 5, externalAccountId: 'o1' }),
      item('O2', at(2), F, SHORT, { source: 'survey' }),
    ]);
  });
  afterAll(() => app.stop());

  it('aggregates the twelve items of the range', async () => {
    const q = await quality({ from: FROM, to: TO });
    expect(q.count).toBe(12);
    expect(q.mean).toBeCloseTo(655 / 12, 10);
    expect(q.p50).toBe(50);
    expect(q.actionableCount).toBe(5);
    expect(q.actionableShare).toBeCloseTo(5 / 12, 10);
    expect(q.histogram).toEqual(bars([0, 1, 0, 2, 2, 2, 2, 1, 1, 1]));
    expect(q.signals).toEqual([
      { name: 'enoughWords', count: 4, share: 4 / 12 },
      { name: 'specific', count: 10, share: 10 / 12 },
      { name: 'hasScore', count: 6, share: 6 / 12 },
      { name: 'describesSteps', count: 3, share: 3 / 12 },
      { name: 'attributed', count: 6, share: 6 / 12 },
      { name: 'notDuplicate', count: 11, share: 11 / 12 },
    ]);
    expect(q.byFeature).toEqual([
      { featureId: featureA, feature: { key: 'export' }, count: 6, mean: 370 / 6, actionableShare: 0.5 },
      { featureId: featureB, feature: { key: 'billing' }, count: 2, mean: 55, actionableShare: 0.5 },
      { featureId: null, feature: null, count: 4, mean: 43.75, actionableShare: 0.25 },
    ]);
  });

  it('reports an empty range with nulls and zero bars, not zero rates', async () => {
    const q = await quality({ from: at(100).toISOString(), to: at(200).toISOString() });
    expect(q).toMatchObject({ count: 0, mean: null, p50: null, actionableCount: 0, actionableShare: null, byFeature: [] });
    expect(q.histogram).toEqual(bars([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(q.signals).toHaveLength(6);
    for (const s of q.signals) expect(s).toMatchObject({ count: 0, share: null });
  });

  it('keeps the range half-open: `from` is in, `to` and the instant before `from` are out', async () => {
    // [T0, T0 + 1 ms) holds Q1 alone (35).
    const first = await quality({ from: FROM, to: new Date(T0 + 1).toISOString() });
    expect([first.count, first.mean, first.p50, first.actionableShare]).toEqual([1, 35, 35, 0]);
    // [T0 - 1 ms, T0) holds X1 alone (100).
    const before = await quality({ from: new Date(T0 - 1).toISOString(), to: FROM });
    expect([before.count, before.mean, before.actionableShare]).toEqual([1, 100, 1]);
    expect(before.histogram[9].count).toBe(1);
    // [T0 + 11 h, T0 + 240 h + 1 ms) holds Q12 (45) and X2 (100, at the old `to`).
    const after = await quality({ from: at(11).toISOString(), to: new Date(T0 + 240 * HOUR + 1).toISOString() });
    expect([after.count, after.mean, after.p50]).toEqual([2, 72.5, 72.5]);
  });

  it('filters by kind, feature, milestone and source (case-insensitive), combined with AND', async () => {
    // MILESTONE: Q9 50, Q10 65 -> mean 57.5, p50 57.5, actionable 1/2, no feature.
    const kind = await quality({ from: FROM, to: TO, filter: { kind: 'MILESTONE' } });
    expect([kind.count, kind.mean, kind.p50, kind.actionableShare]).toEqual([2, 57.5, 57.5, 0.5]);
    expect(kind.byFeature).toEqual([{ featureId: null, feature: null, count: 2, mean: 57.5, actionableShare: 0.5 }]);
    // Feature A: 35 45 50 60 80 100 -> p50 (50+60)/2 = 55.
    const a = await quality({ from: FROM, to: TO, filter: { featureId: featureA } });
    expect([a.count, a.mean, a.p50, a.actionableShare]).toEqual([6, 370 / 6, 55, 0.5]);
    expect(a.byFeature.map((r: { featureId: string }) => r.featureId)).toEqual([featureA]);
    // Source " SURVEY ": Q9 50, Q10 65, Q11 50 -> mean 55, p50 50, actionable 1/3.
    const survey = await quality({ from: FROM, to: TO, filter: { source: ' SURVEY ' } });
    expect([survey.count, survey.mean, survey.p50, survey.actionableShare]).toEqual([3, 55, 50, 1 / 3]);
    // Milestone M and source in_app: nothing (Q9 and Q10 came from the survey).
    const none = await quality({ from: FROM, to: TO, filter: { milestoneId: milestone, source: 'in_app' } });
    expect([none.count, none.mean, none.actionableShare]).toEqual([0, null, null]);
    // FEATURE from in_app: Q1-Q8 and Q12: 35 60 80 100 75 35 15 45 45 -> sum 490, actionable 4/9.
    const both = await quality({ from: FROM, to: TO, filter: { kind: 'FEATURE', source: 'in_app' } });
    expect([both.count, both.mean, both.actionableShare]).toEqual([9, 490 / 9, 4 / 9]);
  });
});

describe('feedbackQuality access and arguments', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const vars = { from: FROM, to: TO };
  const code = async (v: Record<string, unknown>, key?: string) =>
    (await app.gql(QUALITY, v, key)).errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('needs a key with the read scope (admin included)', async () => {
    expect(await code(vars)).toBe('UNAUTHENTICATED');
    expect(await code(vars, 'hs_not_a_key')).toBe('UNAUTHENTICATED');
    expect(await code(vars, ws.keys.search)).toBe('FORBIDDEN');
    expect(await code(vars, ws.keys.ingest)).toBe('FORBIDDEN');
    expect(await code(vars, ws.keys.read)).toBeUndefined();
    expect(await code(vars, ws.keys.admin)).toBeUndefined();
  });

  it('refuses from >= to and malformed arguments as BAD_USER_INPUT', async () => {
    expect(await code({ from: TO, to: FROM }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ from: FROM, to: FROM }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ from: 'yesterday', to: TO }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ ...vars, filter: { featureId: 'not-a-uuid' } }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ ...vars, filter: { kind: 'BOGUS' } }, ws.keys.read)).toBe('BAD_USER_INPUT');
  });
});
