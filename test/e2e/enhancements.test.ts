import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { Feedback, FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const FIELDS = `id title status shippedAt mergedIntoId linkedFeedbackCount feature { key }
  statusHistory { fromStatus toStatus at actor }`;
const CREATE = `mutation($i: CreateEnhancementInput!) { createEnhancement(input: $i) { ${FIELDS} } }`;
const SET = `mutation($id: UUID!, $s: EnhancementStatus!, $at: DateTimeISO, $actor: String) {
  setEnhancementStatus(id: $id, status: $s, at: $at, actor: $actor) { ${FIELDS} } }`;
const LINK = `mutation($id: UUID!, $f: [UUID!]!) { linkFeedback(enhancementId: $id, feedbackIds: $f) { id linkedFeedbackCount } }`;
const UNLINK = `mutation($id: UUID!, $f: [UUID!]!) { unlinkFeedback(enhancementId: $id, feedbackIds: $f) { id linkedFeedbackCount } }`;
const MERGE = `mutation($s: UUID!, $t: UUID!) { mergeEnhancements(sourceId: $s, targetId: $t) { id linkedFeedbackCount } }`;
const GET = `query($id: UUID!) { enhancement(id: $id) { ${FIELDS} } }`;

type Res = Awaited<ReturnType<TestApp['gql']>>;
const code = (res: Res) => res.errors?.[0].extensions?.code;

describe('enhancements (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;

  const ok = async (q: string, v: Record<string, unknown>, key = ws.keys.write) => {
    const res = await app.gql(q, v, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const create = async (title: string, extra: Record<string, unknown> = {}, key = ws.keys.write) =>
    (await ok(CREATE, { i: { title, ...extra } }, key)).createEnhancement;
  const feedback = async (w: TestWorkspace, n = 1) => {
    const repo = app.runtime.services.dataSource.getRepository(Feedback);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const row = await repo.save(
        repo.create({ workspaceId: w.id, kind: FeedbackKind.FEATURE, text: 'x', source: 'test', occurredAt: new Date() }),
      );
      ids.push(row.id);
    }
    return ids;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
  });
  afterAll(() => app.stop());

  it('creates an enhancement with a first history entry by the API key', async () => {
    const feature = (await ok('mutation { createFeature(key: "exports", name: "Exports") { id } }', {})).createFeature;
    const e = await create('CSV export', { featureId: feature.id, description: 'please' });
    expect(e).toMatchObject({ status: 'OPEN', shippedAt: null, linkedFeedbackCount: 0, feature: { key: 'exports' } });
    expect(e.statusHistory).toEqual([{ fromStatus: null, toStatus: 'OPEN', at: expect.any(String), actor: 'write key' }]);
    const upd = await ok('mutation($id: UUID!) { updateEnhancement(id: $id, input: { title: "CSV and XLSX export" }) { title } }', { id: e.id });
    expect(upd.updateEnhancement.title).toBe('CSV and XLSX export');
  });

  it('walks the workflow, keeps shippedAt on the last SHIPPED and clears it on reopen', async () => {
    const base = Date.now() - 100 * 60_000;
    const t = (m: number) => new Date(base + m * 60_000).toISOString();
    const e = await create('Dark mode', { at: t(0) });
    const set = async (s: string, at: string, actor?: string) => (await ok(SET, { id: e.id, s, at, actor })).setEnhancementStatus;
    await set('PLANNED', t(1));
    await set('IN_PROGRESS', t(2), 'jira');
    expect((await set('SHIPPED', t(3))).shippedAt).toBe(t(3));
    expect((await set('IN_PROGRESS', t(4))).shippedAt).toBeNull();
    const last = await set('SHIPPED', t(5));
    expect(last.shippedAt).toBe(t(5));
    expect(last.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'OPEN', 'PLANNED', 'IN_PROGRESS', 'SHIPPED', 'IN_PROGRESS', 'SHIPPED',
    ]);
    expect(last.statusHistory[2]).toMatchObject({ fromStatus: 'PLANNED', actor: 'jira' });
    const log = await ok(
      'query($f: DateTimeISO!, $t: DateTimeISO!) { changelog(from: $f, to: $t) { totalCount edges { node { id linkedFeedbackCount } } } }',
      { f: t(5), t: t(6) },
      ws.keys.read,
    );
    expect(log.changelog.edges.map((x: { node: { id: string } }) => x.node.id)).toEqual([e.id]);
    const before = await ok(
      'query($f: DateTimeISO!, $t: DateTimeISO!) { changelog(from: $f, to: $t) { totalCount } }',
      { f: t(0), t: t(5) },
      ws.keys.read,
    );
    expect(before.changelog.totalCount).toBe(0);
  });

  it('answers CONFLICT with the allowed targets for an illegal transition', async () => {
    const e = await create('Illegal');
    const res = await app.gql(SET, { id: e.id, s: 'SHIPPED' }, ws.keys.write);
    expect(code(res)).toBe('CONFLICT');
    expect(res.errors![0].message).toContain('UNDER_REVIEW, PLANNED, DECLINED');
  });

  it('refuses a backfill time in the future or before the last change', async () => {
    const e = await create('Times', { at: new Date(Date.now() - 3600_000).toISOString() });
    const future = await app.gql(SET, { id: e.id, s: 'PLANNED', at: new Date(Date.now() + 3600_000).toISOString() }, ws.keys.write);
    expect(code(future)).toBe('BAD_USER_INPUT');
    const early = await app.gql(SET, { id: e.id, s: 'PLANNED', at: new Date(Date.now() - 7200_000).toISOString() }, ws.keys.write);
    expect(code(early)).toBe('BAD_USER_INPUT');
  });

  it('links and unlinks feedback idempotently; unknown feedback is NOT_FOUND', async () => {
    const e = await create('Links');
    const [a, b] = await feedback(ws, 2);
    expect((await ok(LINK, { id: e.id, f: [a, b, a] })).linkFeedback.linkedFeedbackCount).toBe(2);
    expect((await ok(LINK, { id: e.id, f: [a] })).linkFeedback.linkedFeedbackCount).toBe(2);
    expect((await ok(UNLINK, { id: e.id, f: [a] })).unlinkFeedback.linkedFeedbackCount).toBe(1);
    expect((await ok(UNLINK, { id: e.id, f: [a] })).unlinkFeedback.linkedFeedbackCount).toBe(1);
    const missing = await app.gql(LINK, { id: e.id, f: ['00000000-0000-4000-8000-000000000000'] }, ws.keys.write);
    expect(code(missing)).toBe('NOT_FOUND');
  });

  it('merges: links move deduplicated, the source is DECLINED and points at the target, nothing is lost', async () => {
    const source = await create('Source');
    const target = await create('Target');
    const [a, b, c] = await feedback(ws, 3);
    await ok(LINK, { id: source.id, f: [a, b] });
    await ok(LINK, { id: target.id, f: [b, c] });
    expect((await ok(MERGE, { s: source.id, t: target.id })).mergeEnhancements.linkedFeedbackCount).toBe(3);
    const merged = (await ok(GET, { id: source.id }, ws.keys.read)).enhancement;
    expect(merged).toMatchObject({ status: 'DECLINED', mergedIntoId: target.id, linkedFeedbackCount: 0 });
    expect(merged.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['OPEN', 'DECLINED']);
    expect(code(await app.gql(MERGE, { s: target.id, t: target.id }, ws.keys.write))).toBe('CONFLICT');
    const third = await create('Third');
    expect(code(await app.gql(MERGE, { s: third.id, t: source.id }, ws.keys.write))).toBe('CONFLICT');
    expect(code(await app.gql(MERGE, { s: source.id, t: third.id }, ws.keys.write))).toBe('CONFLICT');
    expect(code(await app.gql(SET, { id: source.id, s: 'OPEN' }, ws.keys.write))).toBe('CONFLICT');
  });

  it('repoints enhancements merged into a source that is merged in turn (no chains)', async () => {
    const [a, b, c] = [await create('A'), await create('B'), await create('C')];
    await ok(MERGE, { s: a.id, t: b.id });
    await ok(MERGE, { s: b.id, t: c.id });
    expect((await ok(GET, { id: a.id }, ws.keys.read)).enhancement.mergedIntoId).toBe(c.id);
    expect((await ok(GET, { id: b.id }, ws.keys.read)).enhancement.mergedIntoId).toBe(c.id);
  });

  it('lists with filters and cursors', async () => {
    const w = await app.workspace();
    for (const title of ['one', 'two', 'three']) await create(title, {}, w.keys.write);
    const planned = await create('four', { status: 'PLANNED' }, w.keys.write);
    const q = 'query($f: EnhancementFilter, $after: String) { enhancements(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { title } } } }';
    const p1 = (await ok(q, {}, w.keys.read)).enhancements;
    expect(p1.totalCount).toBe(4);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await ok(q, { after: p1.pageInfo.endCursor }, w.keys.read)).enhancements;
    const titles = [...p1.edges, ...p2.edges].map((x: { node: { title: string } }) => x.node.title);
    expect(new Set(titles)).toEqual(new Set(['one', 'two', 'three', 'four']));
    const f = (await ok(q, { f: { status: 'PLANNED' } }, w.keys.read)).enhancements;
    expect(f.edges.map((x: { node: { title: string } }) => x.node.title)).toEqual([planned.title]);
  });

  it('answers FORBIDDEN when the key lacks the scope', async () => {
    expect(code(await app.gql(CREATE, { i: { title: 'x' } }, ws.keys.read))).toBe('FORBIDDEN');
    expect(code(await app.gql(CREATE, { i: { title: 'x' } }, ws.keys.search))).toBe('FORBIDDEN');
    expect(code(await app.gql('{ enhancements { totalCount } }', {}, ws.keys.search))).toBe('FORBIDDEN');
    const metric = '{ enhancementLeadTime(from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z") { lead { count } } }';
    expect(code(await app.gql(metric, {}, ws.keys.search))).toBe('FORBIDDEN');
    expect(code(await app.gql(metric, {}, ws.keys.ingest))).toBe('FORBIDDEN');
  });

  it("keeps another workspace's enhancements and feedback out of reach", async () => {
    const mine = await create('Mine', { at: new Date(Date.now() - 60_000).toISOString() });
    await ok(SET, { id: mine.id, s: 'PLANNED' });
    await ok(SET, { id: mine.id, s: 'IN_PROGRESS' });
    await ok(SET, { id: mine.id, s: 'SHIPPED' });
    const [myFeedback] = await feedback(ws);
    const theirs = await create('Theirs', {}, other.keys.write);
    const [theirFeedback] = await feedback(other);

    expect(code(await app.gql(GET, { id: mine.id }, other.keys.read))).toBe('NOT_FOUND');
    const list = await ok('{ enhancements { edges { node { id } } } }', {}, other.keys.read);
    expect(list.enhancements.edges.map((x: { node: { id: string } }) => x.node.id)).toEqual([theirs.id]);
    expect(code(await app.gql(LINK, { id: mine.id, f: [theirFeedback] }, other.keys.write))).toBe('NOT_FOUND');
    expect(code(await app.gql(LINK, { id: theirs.id, f: [myFeedback] }, other.keys.write))).toBe('NOT_FOUND');
    expect(code(await app.gql(SET, { id: mine.id, s: 'IN_PROGRESS' }, other.keys.write))).toBe('NOT_FOUND');
    expect(code(await app.gql(MERGE, { s: theirs.id, t: mine.id }, other.keys.write))).toBe('NOT_FOUND');
    expect(code(await app.gql(MERGE, { s: mine.id, t: theirs.id }, other.keys.write))).toBe('NOT_FOUND');

    const range = { f: new Date(Date.now() - 3600_000).toISOString(), t: new Date(Date.now() + 3600_000).toISOString() };
    const metric = 'query($f: DateTimeISO!, $t: DateTimeISO!) { enhancementLeadTime(from: $f, to: $t) { lead { count } openAge { count } } }';
    expect((await ok(metric, range, other.keys.read)).enhancementLeadTime).toEqual({ lead: { count: 0 }, openAge: { count: 1 } });
    const changelog = 'query($f: DateTimeISO!, $t: DateTimeISO!) { changelog(from: $f, to: $t) { totalCount } }';
    expect((await ok(changelog, range, other.keys.read)).changelog.totalCount).toBe(0);
    expect((await ok(metric, range, ws.keys.read)).enhancementLeadTime.lead.count).toBeGreaterThanOrEqual(1);
  });
});
