import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { Feedback, FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const DAY = 86400;
/** ISO time of day `n` after T0. */
const d = (n: number) => new Date(T0 + n * DAY * 1000).toISOString();

const REPORT = `query($from: DateTimeISO!, $to: DateTimeISO!, $featureId: UUID) {
  enhancementLeadTime(from: $from, to: $to, featureId: $featureId) {
    lead { count mean p50 p90 } cycle { count mean p50 p90 }
    byFeature { featureId feature { key } lead { count mean p50 p90 } cycle { count mean p50 p90 } }
    openAge { count mean p50 p90 } deliveredFeedback demandFeedback deliveredDemandRatio
  }
}`;

/**
 * Known answers, every time in days after T0 (durations reported in seconds):
 *
 * | enh | feature | created | history                                           | feedback (occurredAt)       |
 * | E1  | A       | 0       | PLANNED 2, IN_PROGRESS 5, SHIPPED 10               | f1 (-10); f2 (-20) unlinked |
 * | E2  | A       | 1       | PLANNED 1, IN_PROGRESS 3, PLANNED 4, IN_PROGRESS 6, SHIPPED 13 | none           |
 * | E3  | B       | 0       | PLANNED 1, IN_PROGRESS 2, SHIPPED 4, IN_PROGRESS 6 (reopen), SHIPPED 15 | f3 (2) |
 * | E4  | none    | 0       | PLANNED 1, IN_PROGRESS 2, SHIPPED 20 (= `to`)      | f4 (-1)                     |
 * | E5  | B       | -5      | PLANNED -4, IN_PROGRESS -3, SHIPPED 0 (= `from`)   | none                        |
 * | E6  | A       | 3       | merged into E7 (DECLINED)                          | f5 (1), f6 (7)              |
 * | E7  | A       | 8       | OPEN                                               | f6 (linked before merge)    |
 * | E8  | none    | 2       | DECLINED 3                                         | f7 (0)                      |
 * | E9  | none    | 15      | PLANNED 16                                         | f1 (also on E1)             |
 * | E10 | none    | 25      | OPEN (created after `to`)                          | none                        |
 *
 * Range [0, 20): shipped are E1, E2, E3, E5 (E4 ships exactly at `to`: out; E5 exactly at `from`: in).
 * lead: E1 10-(-10)=20, E2 13-1=12, E3 15-0=15 (last SHIPPED; f3 is after creation), E5 0-(-5)=5
 *   -> [5,12,15,20] mean 13, p50 12+0.5*3=13.5, p90 15+0.7*5=18.5
 * cycle: E1 10-5=5, E2 13-3=10 (first IN_PROGRESS), E3 15-6=9 (first IN_PROGRESS after the previous SHIPPED),
 *   E5 0-(-3)=3 -> [3,5,9,10] mean 6.75, p50 5+0.5*4=7, p90 9+0.7*1=9.7
 * A: lead [12,20] mean 16, p50 16, p90 12+0.9*8=19.2; cycle [5,10] mean 7.5, p50 7.5, p90 5+0.9*5=9.5
 * B: lead [5,15] mean 10, p50 10, p90 5+0.9*10=14; cycle [3,9] mean 6, p50 6, p90 3+0.9*6=8.4
 * open at 20: E7 (20-8=12), E9 (20-15=5) -> mean 8.5, p50 8.5, p90 5+0.9*7=11.3 (E10 created after `to`)
 * demand: delivered {f1, f3} = 2; open E7 {f5, f6}, E9 {f1}; distinct {f1, f3, f5, f6} = 4 -> 0.5
 *   (f2 unlinked, f4 on E4 shipped outside the range, f7 on a DECLINED one)
 */
describe('enhancementLeadTime (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let featureA: string;
  let featureB: string;

  const gql = async (q: string, v: Record<string, unknown>, key = ws.keys.write) => {
    const res = await app.gql(q, v, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const create = async (title: string, at: number, featureId?: string) =>
    (
      await gql('mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { id } }', {
        i: { title, at: d(at), featureId },
      })
    ).createEnhancement.id as string;
  const move = async (id: string, steps: [string, number][]) => {
    for (const [status, at] of steps) {
      await gql('mutation($id: UUID!, $s: EnhancementStatus!, $at: DateTimeISO) { setEnhancementStatus(id: $id, status: $s, at: $at) { id } }', {
        id,
        s: status,
        at: d(at),
      });
    }
  };
  const feedback = async (occurredAt: number) => {
    const repo = app.runtime.services.dataSource.getRepository(Feedback);
    const row = await repo.save(
      repo.create({ workspaceId: ws.id, kind: FeedbackKind.FEATURE, text: 'please', source: 'test', occurredAt: new Date(d(occurredAt)) }),
    );
    return row.id;
  };
  const link = (id: string, ids: string[], op = 'linkFeedback') =>
    gql(`mutation($id: UUID!, $f: [UUID!]!) { ${op}(enhancementId: $id, feedbackIds: $f) { id } }`, { id, f: ids });
  const report = async (from: number, to: number, featureId?: string, key = ws.keys.read) =>
    (await gql(REPORT, { from: d(from), to: d(to), featureId }, key)).enhancementLeadTime;
  const days = (s: { count: number; mean: number | null; p50: number | null; p90: number | null }) => ({
    count: s.count,
    mean: s.mean === null ? null : s.mean / DAY,
    p50: s.p50 === null ? null : s.p50 / DAY,
    p90: s.p90 === null ? null : s.p90 / DAY,
  });
  const close = (s: ReturnType<typeof days>, expected: [number, number, number, number]) => {
    expect(s.count).toBe(expected[0]);
    expect(s.mean).toBeCloseTo(expected[1], 9);
    expect(s.p50).toBeCloseTo(expected[2], 9);
    expect(s.p90).toBeCloseTo(expected[3], 9);
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const feature = async (key: string) =>
      (await gql('mutation($k: String!) { createFeature(key: $k, name: $k) { id } }', { k: key })).createFeature.id as string;
    featureA = await feature('a');
    featureB = await feature('b');
    const [f1, f2, f3, f4, f5, f6, f7] = [await feedback(-10), await feedback(-20), await feedback(2), await feedback(-1), await feedback(1), await feedback(7), await feedback(0)];

    const e1 = await create('E1', 0, featureA);
    await link(e1, [f1, f2]);
    await link(e1, [f2], 'unlinkFeedback');
    await move(e1, [['PLANNED', 2], ['IN_PROGRESS', 5], ['SHIPPED', 10]]);
    const e2 = await create('E2', 1, featureA);
    await move(e2, [['PLANNED', 1], ['IN_PROGRESS', 3], ['PLANNED', 4], ['IN_PROGRESS', 6], ['SHIPPED', 13]]);
    const e3 = await create('E3', 0, featureB);
    await link(e3, [f3]);
    await move(e3, [['PLANNED', 1], ['IN_PROGRESS', 2], ['SHIPPED', 4], ['IN_PROGRESS', 6], ['SHIPPED', 15]]);
    const e4 = await create('E4', 0);
    await link(e4, [f4]);
    await move(e4, [['PLANNED', 1], ['IN_PROGRESS', 2], ['SHIPPED', 20]]);
    const e5 = await create('E5', -5, featureB);
    await move(e5, [['PLANNED', -4], ['IN_PROGRESS', -3], ['SHIPPED', 0]]);
    const e6 = await create('E6', 3, featureA);
    await link(e6, [f5, f6]);
    const e7 = await create('E7', 8, featureA);
    await link(e7, [f6]);
    await gql('mutation($s: UUID!, $t: UUID!) { mergeEnhancements(sourceId: $s, targetId: $t) { id } }', { s: e6, t: e7 });
    const e8 = await create('E8', 2);
    await link(e8, [f7]);
    await move(e8, [['DECLINED', 3]]);
    const e9 = await create('E9', 15);
    await link(e9, [f1]);
    await move(e9, [['PLANNED', 16]]);
    await create('E10', 25);
  });
  afterAll(() => app.stop());

  it('reports lead and cycle time of enhancements shipped in [from, to)', async () => {
    const r = await report(0, 20);
    close(days(r.lead), [4, 13, 13.5, 18.5]);
    close(days(r.cycle), [4, 6.75, 7, 9.7]);
  });

  it('splits lead and cycle time by feature', async () => {
    const r = await report(0, 20);
    expect(r.byFeature).toHaveLength(2);
    const a = r.byFeature.find((f: { featureId: string }) => f.featureId === featureA);
    const b = r.byFeature.find((f: { featureId: string }) => f.featureId === featureB);
    expect(a.feature.key).toBe('a');
    close(days(a.lead), [2, 16, 16, 19.2]);
    close(days(a.cycle), [2, 7.5, 7.5, 9.5]);
    close(days(b.lead), [2, 10, 10, 14]);
    close(days(b.cycle), [2, 6, 6, 8.4]);
  });

  it('ages open enhancements at `to` and computes the delivered-demand ratio over distinct feedback', async () => {
    const r = await report(0, 20);
    close(days(r.openAge), [2, 8.5, 8.5, 11.3]);
    expect(r.deliveredFeedback).toBe(2);
    expect(r.demandFeedback).toBe(4);
    expect(r.deliveredDemandRatio).toBeCloseTo(0.5, 12);
  });

  it('filters by feature', async () => {
    const r = await report(0, 20, featureA);
    close(days(r.lead), [2, 16, 16, 19.2]);
    expect(r.byFeature.map((f: { featureId: string }) => f.featureId)).toEqual([featureA]);
    // open in A at 20: E7 only (age 12); demand: E1 {f1} delivered, E7 {f5, f6} open -> 1/3
    close(days(r.openAge), [1, 12, 12, 12]);
    expect(r.deliveredDemandRatio).toBeCloseTo(1 / 3, 12);
  });

  it('counts a shipment exactly at `to` in the next range only (half-open)', async () => {
    // [20, 21): E4 alone, lead 20-(-1)=21 days, cycle 20-2=18 days
    const r = await report(20, 21);
    close(days(r.lead), [1, 21, 21, 21]);
    close(days(r.cycle), [1, 18, 18, 18]);
  });

  it('reports count 0 and null figures for an empty range', async () => {
    const r = await report(-100, -50);
    expect(r.lead).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(r.cycle).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(r.openAge).toEqual({ count: 0, mean: null, p50: null, p90: null });
    expect(r.byFeature).toEqual([]);
    expect(r.deliveredDemandRatio).toBeNull();
  });

  it('counts nothing of another workspace', async () => {
    const other = await app.workspace();
    const r = await report(0, 20, undefined, other.keys.read);
    expect(r.lead.count).toBe(0);
    expect(r.openAge.count).toBe(0);
    expect(r.deliveredDemandRatio).toBeNull();
  });

  it('rejects an empty or inverted range', async () => {
    const res = await app.gql(REPORT, { from: d(5), to: d(5) }, ws.keys.read);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
