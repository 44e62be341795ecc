import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { SubmitFeedbackInput } from '../../src/modules/feedback/dto/feedback.input';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const FIGURES = 'responses meanEffortScore easyResponses easyShare distribution { score count }';
const EASE = `query($from: DateTimeISO!, $to: DateTimeISO!, $filter: EaseOfUseFilter) {
  easeOfUse(from: $from, to: $to, filter: $filter) {
    ${FIGURES}
    byFeature { featureId feature { key } ${FIGURES} }
    byMilestone { milestoneId milestone { key position } ${FIGURES} }
  }
}`;

const T0 = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR);
const FROM = at(0).toISOString();
const TO = at(24 * 7).toISOString();

/** Distribution 1..7 from the scores given. */
const dist = (...scores: number[]) =>
  [1, 2, 3, 4, 5, 6, 7].map((score) => ({ score, count: scores.filter((s) => s === score).length }));
/** The figures of a set of scores: what the API must report for them. */
const figures = (...scores: number[]) => {
  const easy = scores.filter((s) => s >= 5).length;
  return {
    responses: scores.length,
    meanEffortScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    easyResponses: easy,
    easyShare: scores.length ? easy / scores.length : null,
    distribution: dist(...scores),
  };
};

/**
 * Known answers over [T0, T0 + 7 days). Milestone SETUP has position 1, PROJECT position 2.
 *
 * | id  | h  | feature | milestone | CES | source |
 * | E1  | 0  | A       | PROJECT   | 7   | in_app |   (exactly at `from`: in)
 * | E2  | 1  | A       | PROJECT   | 5   | in_app |
 * | E3  | 2  | A       |           | 4   | in_app |
 * | E4  | 3  | A       | SETUP     | 1   | in_app |
 * | E5  | 4  | B       | SETUP     | 6   | in_app |
 * | E6  | 5  | B       |           | 5   | in_app |
 * | E7  | 6  |         | PROJECT   | 3   | in_app |
 * | E8  | 7  |         |           | 2   | in_app |
 * | E9  | 8  |         |           | 7   | survey |
 * | E10 | 9  | B       | PROJECT   | 4   | survey |
 * Not counted: a FEATURE item (rating 1) and a MILESTONE item of A / PROJECT in range (not EASE_OF_USE); X1 1 ms
 * before `from` and X2 at `to` (CES 1 each); CES 1 responses in another workspace.
 *
 * Total: 7 5 4 1 6 5 3 2 7 4 -> 10 responses, sum 44, mean 4.4, easy (>= 5) 7 5 6 5 7 = 5 -> 0.5;
 *   distribution 1:1 2:1 3:1 4:2 5:2 6:1 7:2.
 * By feature (most responses first, none last): A {7 5 4 1} mean 4.25, easy 2/4; B {6 5 4} mean 5, easy 2/3;
 *   none {3 2 7} mean 4, easy 1/3.
 * By milestone (journey order, none last): SETUP {1 6} mean 3.5, 1/2; PROJECT {7 5 3 4} mean 4.75, 2/4;
 *   none {4 5 2 7} mean 4.5, 2/4.
 */
describe('easeOfUse (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let featureA: string;
  let featureB: string;
  let setup: string;
  let project: string;
  const ease = async (vars: Record<string, unknown>) => {
    const res = await app.gql(EASE, vars, ws.keys.read);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.easeOfUse;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const catalog = app.runtime.services.catalog;
    featureA = (await catalog.createFeature(ws.ctx, 'editor', 'Editor')).id;
    featureB = (await catalog.createFeature(ws.ctx, 'sharing', 'Sharing')).id;
    project = (await catalog.createMilestone(ws.ctx, 'first-project', 'First project', 2)).id;
    setup = (await catalog.createMilestone(ws.ctx, 'setup', 'Setup done', 1)).id;
    const ces = (
      id: string,
      when: Date,
      effortScore: number,
      featureId: string | null,
      milestoneId: string | null,
      source = 'in_app',
    ): SubmitFeedbackInput =>
      ({ kind: FeedbackKind.EASE_OF_USE, text: `response ${id}`, source, externalId: id, occurredAt: when, effortScore, featureId, milestoneId }) as SubmitFeedbackInput;
    const items: SubmitFeedbackInput[] = [
      ces('E1', at(0), 7, featureA, project),
      ces('E2', at(1), 5, featureA, project),
      ces('E3', at(2), 4, featureA, null),
      ces('E4', at(3), 1, featureA, setup),
      ces('E5', at(4), 6, featureB, setup),
      ces('E6', at(5), 5, featureB, null),
      ces('E7', at(6), 3, null, project),
      ces('E8', at(7), 2, null, null),
      ces('E9', at(8), 7, null, null, 'survey'),
      ces('E10', at(9), 4, featureB, project, 'survey'),
      ces('X1', new Date(T0 - 1), 1, featureA, project),
      ces('X2', at(24 * 7), 1, featureA, project),
      { kind: FeedbackKind.FEATURE, text: 'hard to use', source: 'in_app', externalId: 'N1', occurredAt: at(1), rating: 1, featureId: featureA },
      { kind: FeedbackKind.MILESTONE, text: 'took long', source: 'in_app', externalId: 'N2', occurredAt: at(1), featureId: featureA, milestoneId: project },
    ] as SubmitFeedbackInput[];
    const results = await app.runtime.services.feedback.submitBatch(ws.ctx, items);
    expect(results.every((r) => r.status === 'CREATED')).toBe(true);
    const other = await app.workspace();
    const otherFeature = (await catalog.createFeature(other.ctx, 'editor', 'Editor')).id;
    await app.runtime.services.feedback.submitBatch(other.ctx, [
      ces('O1', at(1), 1, otherFeature, null),
      ces('O2', at(2), 1, null, null, 'survey'),
    ]);
  });
  afterAll(() => app.stop());

  it('reports responses, mean, easy share and distribution overall, per feature and per milestone', async () => {
    const e = await ease({ from: FROM, to: TO });
    expect(e).toMatchObject({ responses: 10, meanEffortScore: 4.4, easyResponses: 5, easyShare: 0.5 });
    expect(e.distribution).toEqual(dist(7, 5, 4, 1, 6, 5, 3, 2, 7, 4));
    expect(e.distribution.map((d: { count: number }) => d.count)).toEqual([1, 1, 1, 2, 2, 1, 2]);
    expect(e.byFeature).toEqual([
      { featureId: featureA, feature: { key: 'editor' }, ...figures(7, 5, 4, 1) },
      { featureId: featureB, feature: { key: 'sharing' }, ...figures(6, 5, 4) },
      { featureId: null, feature: null, ...figures(3, 2, 7) },
    ]);
    expect(e.byFeature.map((r: { meanEffortScore: number }) => r.meanEffortScore)).toEqual([4.25, 5, 4]);
    expect(e.byMilestone).toEqual([
      { milestoneId: setup, milestone: { key: 'setup', position: 1 }, ...figures(1, 6) },
      { milestoneId: project, milestone: { key: 'first-project', position: 2 }, ...figures(7, 5, 3, 4) },
      { milestoneId: null, milestone: null, ...figures(4, 5, 2, 7) },
    ]);
    expect(e.byMilestone.map((r: { meanEffortScore: number; easyShare: number }) => [r.meanEffortScore, r.easyShare])).toEqual([
      [3.5, 0.5],
      [4.75, 0.5],
      [4.5, 0.5],
    ]);
  });

  it('reports an empty range with null mean and share and seven zero counts', async () => {
    const e = await ease({ from: at(100).toISOString(), to: at(150).toISOString() });
    expect(e).toEqual({ ...figures(), byFeature: [], byMilestone: [] });
    expect(e.meanEffortScore).toBeNull();
    expect(e.easyShare).toBeNull();
    expect(e.distribution).toHaveLength(7);
  });

  it('keeps the range half-open', async () => {
    // [T0, T0 + 1 ms): E1 only; [T0 - 1 ms, T0): X1 only; [T0 + 9 h, `to` + 1 ms): E10 and X2.
    expect(await ease({ from: FROM, to: new Date(T0 + 1).toISOString() })).toMatchObject(figures(7));
    expect(await ease({ from: new Date(T0 - 1).toISOString(), to: FROM })).toMatchObject(figures(1));
    const tail = await ease({ from: at(9).toISOString(), to: new Date(T0 + 24 * 7 * HOUR + 1).toISOString() });
    expect(tail).toMatchObject(figures(4, 1));
  });

  it('filters by feature, milestone and source', async () => {
    const b = await ease({ from: FROM, to: TO, filter: { featureId: featureB } });
    expect(b).toMatchObject(figures(6, 5, 4));
    expect(b.byFeature.map((r: { featureId: string }) => r.featureId)).toEqual([featureB]);
    expect(b.byMilestone).toEqual([
      { milestoneId: setup, milestone: { key: 'setup', position: 1 }, ...figures(6) },
      { milestoneId: project, milestone: { key: 'first-project', position: 2 }, ...figures(4) },
      { milestoneId: null, milestone: null, ...figures(5) },
    ]);
    const p = await ease({ from: FROM, to: TO, filter: { milestoneId: project } });
    expect(p).toMatchObject(figures(7, 5, 3, 4));
    const survey = await ease({ from: FROM, to: TO, filter: { source: 'Survey' } });
    expect(survey).toMatchObject({ responses: 2, meanEffortScore: 5.5, easyResponses: 1, easyShare: 0.5 });
    const none = await ease({ from: FROM, to: TO, filter: { featureId: featureA, source: 'survey' } });
    expect(none).toEqual({ ...figures(), byFeature: [], byMilestone: [] });
  });
});

describe('easeOfUse access and arguments', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const vars = { from: FROM, to: TO };
  const code = async (v: Record<string, unknown>, key?: string) => (await app.gql(EASE, v, key)).errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('needs a key with the read scope (admin included)', async () => {
    expect(await code(vars)).toBe('UNAUTHENTICATED');
    expect(await code(vars, ws.keys.search)).toBe('FORBIDDEN');
    expect(await code(vars, ws.keys.ingest)).toBe('FORBIDDEN');
    expect(await code(vars, ws.keys.read)).toBeUndefined();
    expect(await code(vars, ws.keys.admin)).toBeUndefined();
  });

  it('refuses from >= to and malformed ids as BAD_USER_INPUT', async () => {
    expect(await code({ from: TO, to: FROM }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ from: FROM, to: FROM }, ws.keys.read)).toBe('BAD_USER_INPUT');
    expect(await code({ ...vars, filter: { milestoneId: '42' } }, ws.keys.read)).toBe('BAD_USER_INPUT');
  });
});
