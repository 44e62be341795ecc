import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { queryRows } from '../../src/core/db/query-rows';
import { normalizeQuery } from '../../src/modules/help-events/normalize-query';
import { ArticleStatus } from '../../src/modules/articles/article.entity';
import { ArticleEffectivenessArgs } from '../../src/modules/metrics/article-effectiveness.service';
import {
  ArticleEffectiveness,
  ArticleEffectivenessFlag as Flag,
  ArticleEffectivenessOrderField as Field,
} from '../../src/modules/metrics/article-effectiveness.types';
import { SortDirection as Dir } from '../../src/core/graphql/sort-direction';

/*
 * Known-answer test of articleEffectiveness over [2026-03-01, 2026-03-08) UTC, window 60 min. Articles (updatedAt set
 * relative to `to`): A published, updated 200 days before; B published, 10 days, feature "billing"; C published,
 * 30 days, no activity; D soft-deleted, 400 days, activity in range; E soft-deleted, no activity (never listed);
 * F published in locale fr, no activity.
 *
 * Views (portal unless said): A: a1 at 10:00 and 10:05 Mar 2, a2..a9 one each at 11:00 (10 views, 9 sessions).
 *   a1 contacts support at 10:30 (30 and 25 min after its views: both failed); a2 at 12:01 (61 min: not failed);
 *   a3 at 10:55, before its view (not failed)                               => contacted 2/10 = 0.2, deflection 0.8
 * B: b1..b10 at 12:00 Mar 3; contacts b1 +10 min, b2 +30, b3 +59, b4 +60 (inclusive edge), b5 +61 (outside)
 *                                                                           => contacted 4/10 = 0.4, deflection 0.6
 * D: d1 at 08:00 Mar 4 (in_app), unhelpful vote (in_app)                    => 1 view, 0/1 helpful, bound 0
 * Votes on A in range: 4 helpful, 1 unhelpful => 0.8, Wilson bound (z 1.96, n 5) = 0.3755282641;
 *   a helpful vote at 00:30 Mar 8 (after `to`) and one on Feb 28 are outside the range (votes count by their own time).
 * Searches: S1 "password" hits [A, B], A clicked; S2 "reset" [A]; S3 "inv" [B] superseded 10 s later by S4 (same
 *   session, no click) so its impression is not counted; S4 "invoices" [B, A], B clicked twice (counts once);
 *   S5 "billing" [D], B clicked at position 12 (a later page: an impression too); S6 "export" at 23:50 Mar 7 [B],
 *   clicked at 00:10 Mar 8 (after `to`: counts); S7 on Feb 28 [A] clicked: outside the range.
 *   => impressions/clicks: A 3/1 (S1, S2, S4), B 4/3 (S1, S4, S5, S6), D 1/0 (S5), C and F 0/0.
 * Another workspace views and votes on A's id: never counted.
 */

const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-03-08T00:00:00Z');
const DAY = 86_400_000;

describe('articleEffectiveness (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const id: Record<string, string> = {};
  let featureId: string;

  const list = (over: Partial<ArticleEffectivenessArgs> = {}) =>
    app.runtime.services.articleEffectiveness.list(ws.ctx, { from: FROM, to: TO, resolutionWindowMinutes: 60, ...over });
  const byName = async (over: Partial<ArticleEffectivenessArgs> = {}) => {
    const c = await list({ first: 100, ...over });
    const names = Object.fromEntries(Object.entries(id).map(([k, v]) => [v, k]));
    return Object.fromEntries(c.edges.map((e) => [names[e.node.articleId], e.node])) as Record<string, ArticleEffectiveness>;
  };
  /** Names of `names` sorted by article id, the tiebreak of equal sort values. */
  const byId = (...names: string[]) => [...names].sort((a, b) => (id[a] < id[b] ? -1 : 1));
  const order = async (field: Field, direction: Dir) => {
    const c = await list({ first: 100, orderBy: { field, direction } });
    return c.edges.map((e) => Object.keys(id).find((k) => id[k] === e.node.articleId));
  };

  async function ev(
    workspaceId: string,
    type: string,
    sessionId: string,
    at: string,
    f: { article?: string; query?: string; hitIds?: string[]; searchId?: string; position?: number; helpful?: boolean; channel?: string } = {},
  ): Promise<string> {
    const eid = randomUUID();
    await queryRows(
      app.runtime.dataSource,
      `INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, query, normalized_query, locale,
                                hit_count, hit_ids, search_id, article_id, position, helpful)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'en', $9, $10::uuid[], $11, $12, $13, $14)`,
      [
        eid, workspaceId, type, sessionId, f.channel ?? 'portal', at, f.query ?? null,
        f.query === undefined ? null : normalizeQuery(f.query),
        f.hitIds ? Math.max(f.hitIds.length, f.position ?? 0, 15) : null, f.hitIds ?? null,
        f.searchId ?? null, f.article ?? null, f.position ?? null, f.helpful ?? null,
      ],
    );
    return eid;
  }
  const at = (iso: string, plusMinutes = 0) => new Date(Date.parse(iso) + plusMinutes * 60_000).toISOString();

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    const s = app.runtime.services;
    featureId = (await s.catalog.createFeature(ws.ctx, 'billing', 'Billing')).id;
    const make = async (name: string, days: number, extra: Record<string, unknown> = {}) => {
      const a = await s.articles.create(ws.ctx, {
        title: `Article ${name}`, body: `Body of ${name}`, status: ArticleStatus.PUBLISHED, ...extra,
      });
      id[name] = a.id;
      await queryRows(s.dataSource, 'UPDATE articles SET updated_at = $2 WHERE id = $1', [a.id, new Date(TO.getTime() - days * DAY - 3_600_000)]);
    };
    await make('A', 200);
    await make('B', 10, { featureId });
    await make('C', 30);
    await make('D', 400);
    await make('E', 5);
    await make('F', 1, { locale: 'fr' });
    await queryRows(s.dataSource, 'UPDATE articles SET deleted_at = now() WHERE id = ANY($1::uuid[])', [[id.D, id.E]]);
    const w = ws.id;

    await ev(w, 'ARTICLE_VIEW', 'a1', '2026-03-02T10:00:00Z', { article: id.A });
    await ev(w, 'ARTICLE_VIEW', 'a1', '2026-03-02T10:05:00Z', { article: id.A });
    for (let i = 2; i <= 9; i++) await ev(w, 'ARTICLE_VIEW', `a${i}`, '2026-03-02T11:00:00Z', { article: id.A });
    await ev(w, 'SUPPORT_CONTACT', 'a1', '2026-03-02T10:30:00Z');
    await ev(w, 'SUPPORT_CONTACT', 'a2', '2026-03-02T12:01:00Z');
    await ev(w, 'SUPPORT_CONTACT', 'a3', '2026-03-02T10:55:00Z');
    for (let i = 1; i <= 10; i++) await ev(w, 'ARTICLE_VIEW', `b${i}`, '2026-03-03T12:00:00Z', { article: id.B });
    for (const [i, minutes] of [[1, 10], [2, 30], [3, 59], [4, 60], [5, 61]]) {
      await ev(w, 'SUPPORT_CONTACT', `b${i}`, at('2026-03-03T12:00:00Z', minutes));
    }
    await ev(w, 'ARTICLE_VIEW', 'd1', '2026-03-04T08:00:00Z', { article: id.D, channel: 'in_app' });
    await ev(w, 'ARTICLE_VOTE', 'd1', '2026-03-04T08:01:00Z', { article: id.D, helpful: false, channel: 'in_app' });

    for (const [i, helpful] of [[1, true], [2, true], [3, true], [4, true], [5, false]] as const) {
      await ev(w, 'ARTICLE_VOTE', `a${i}`, '2026-03-02T11:05:00Z', { article: id.A, helpful });
    }
    await ev(w, 'ARTICLE_VOTE', 'a6', '2026-03-08T00:30:00Z', { article: id.A, helpful: true });
    await ev(w, 'ARTICLE_VOTE', 'a7', '2026-02-28T12:00:00Z', { article: id.A, helpful: true });

    const s1 = await ev(w, 'SEARCH', 's1', '2026-03-03T09:00:00Z', { query: 'password', hitIds: [id.A, id.B] });
    await ev(w, 'SEARCH_CLICK', 's1', '2026-03-03T09:00:20Z', { searchId: s1, article: id.A, position: 1 });
    await ev(w, 'SEARCH', 's2', '2026-03-03T09:10:00Z', { query: 'reset', hitIds: [id.A] });
    await ev(w, 'SEARCH', 's3', '2026-03-03T09:20:00Z', { query: 'inv', hitIds: [id.B] });
    const s4 = await ev(w, 'SEARCH', 's3', '2026-03-03T09:20:10Z', { query: 'invoices', hitIds: [id.B, id.A] });
    await ev(w, 'SEARCH_CLICK', 's3', '2026-03-03T09:20:30Z', { searchId: s4, article: id.B, position: 1 });
    await ev(w, 'SEARCH_CLICK', 's3', '2026-03-03T09:21:30Z', { searchId: s4, article: id.B, position: 1 });
    const s5 = await ev(w, 'SEARCH', 's4', '2026-03-03T09:30:00Z', { query: 'billing', hitIds: [id.D] });
    await ev(w, 'SEARCH_CLICK', 's4', '2026-03-03T09:31:00Z', { searchId: s5, article: id.B, position: 12 });
    const s6 = await ev(w, 'SEARCH', 's5', '2026-03-07T23:50:00Z', { query: 'export', hitIds: [id.B] });
    await ev(w, 'SEARCH_CLICK', 's5', '2026-03-08T00:10:00Z', { searchId: s6, article: id.B, position: 1 });
    const s7 = await ev(w, 'SEARCH', 's6', '2026-02-28T23:59:00Z', { query: 'password', hitIds: [id.A] });
    await ev(w, 'SEARCH_CLICK', 's6', '2026-03-01T00:00:10Z', { searchId: s7, article: id.A, position: 1 });

    await ev(other.id, 'ARTICLE_VIEW', 'a1', '2026-03-02T10:00:00Z', { article: id.A });
    await ev(other.id, 'ARTICLE_VOTE', 'a1', '2026-03-02T10:01:00Z', { article: id.A, helpful: false });
  });
  afterAll(() => app.stop());

  it('computes every figure per article', async () => {
    const r = await byName();
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'D', 'F']); // E: deleted without activity
    expect(r.A).toMatchObject({
      views: 10, uniqueViewers: 9, helpfulVotes: 4, unhelpfulVotes: 1, helpfulness: 0.8,
      impressions: 3, clicks: 1, contactedViews: 2, daysSinceUpdate: 200,
      flags: [Flag.LOW_HELPFULNESS, Flag.STALE_BUT_VIEWED], // bound 0.3755 < 0.5 with 5 votes; 200 days, 10 views
    });
    expect(r.A.helpfulnessLowerBound).toBeCloseTo(0.3755282641, 9);
    expect(r.A.articleClickThroughRate).toBeCloseTo(1 / 3, 12);
    expect(r.A.contactAfterViewRate).toBeCloseTo(0.2, 12);
    expect(r.A.deflectionRate).toBeCloseTo(0.8, 12);

    expect(r.B).toMatchObject({
      views: 10, uniqueViewers: 10, helpfulVotes: 0, unhelpfulVotes: 0, helpfulness: null, helpfulnessLowerBound: null,
      impressions: 4, clicks: 3, articleClickThroughRate: 0.75, contactedViews: 4, daysSinceUpdate: 10,
      flags: [Flag.HIGH_CONTACT_RATE], // 0.4 >= 0.3 with 10 views
    });
    expect(r.B.contactAfterViewRate).toBeCloseTo(0.4, 12);
    expect(r.B.deflectionRate).toBeCloseTo(0.6, 12);

    // soft-deleted, listed because of its activity: one in_app view and an unhelpful vote, one impression (S5)
    expect(r.D).toMatchObject({
      views: 1, uniqueViewers: 1, helpfulVotes: 0, unhelpfulVotes: 1, helpfulness: 0, impressions: 1, clicks: 0,
      articleClickThroughRate: 0, contactedViews: 0, contactAfterViewRate: 0, deflectionRate: 1, daysSinceUpdate: 400,
      flags: [], // 400 days but 1 view; 1 vote
    });
    expect(r.D.helpfulnessLowerBound).toBeCloseTo(0, 12);

    const none = {
      views: 0, uniqueViewers: 0, helpfulVotes: 0, unhelpfulVotes: 0, helpfulness: null, helpfulnessLowerBound: null,
      impressions: 0, clicks: 0, articleClickThroughRate: null, contactedViews: 0, contactAfterViewRate: null,
      deflectionRate: null, flags: [],
    };
    expect(r.C).toMatchObject({ ...none, daysSinceUpdate: 30 });
    expect(r.F).toMatchObject({ ...none, daysSinceUpdate: 1 });
  });

  it('applies the resolution window argument', async () => {
    // 30 min: a1's contact (30 and 25 min) still fails both views; of B's only b1 (+10) and b2 (+30) stay failed
    const r = await byName({ resolutionWindowMinutes: 30 });
    expect([r.A.contactedViews, r.B.contactedViews]).toEqual([2, 2]);
    expect(r.B.contactAfterViewRate).toBeCloseTo(0.2, 12);
    expect(r.B.flags).toEqual([]);
  });

  it('sorts by any figure with nulls last in both directions, ties by id', async () => {
    expect(await order(Field.VIEWS, Dir.DESC)).toEqual([...byId('A', 'B'), 'D', ...byId('C', 'F')]);
    expect(await order(Field.VIEWS, Dir.ASC)).toEqual([...byId('C', 'F'), 'D', ...byId('A', 'B')]);
    expect(await order(Field.HELPFULNESS, Dir.DESC)).toEqual(['A', 'D', ...byId('B', 'C', 'F')]);
    expect(await order(Field.HELPFULNESS, Dir.ASC)).toEqual(['D', 'A', ...byId('B', 'C', 'F')]);
    expect(await order(Field.HELPFULNESS_LOWER_BOUND, Dir.DESC)).toEqual(['A', 'D', ...byId('B', 'C', 'F')]);
    expect(await order(Field.CLICK_THROUGH_RATE, Dir.DESC)).toEqual(['B', 'A', 'D', ...byId('C', 'F')]);
    expect(await order(Field.CONTACT_AFTER_VIEW_RATE, Dir.DESC)).toEqual(['B', 'A', 'D', ...byId('C', 'F')]);
    expect(await order(Field.DEFLECTION_RATE, Dir.DESC)).toEqual(['D', 'A', 'B', ...byId('C', 'F')]);
    expect(await order(Field.IMPRESSIONS, Dir.DESC)).toEqual(['B', 'A', 'D', ...byId('C', 'F')]);
    expect(await order(Field.CLICKS, Dir.ASC)).toEqual([...byId('C', 'D', 'F'), 'A', 'B']);
    expect(await order(Field.UNIQUE_VIEWERS, Dir.DESC)).toEqual(['B', 'A', 'D', ...byId('C', 'F')]);
    expect(await order(Field.DAYS_SINCE_UPDATE, Dir.ASC)).toEqual(['F', 'B', 'C', 'A', 'D']);
  });

  it('pages with stable cursors bound to their order', async () => {
    const orderBy = { field: Field.HELPFULNESS, direction: Dir.ASC };
    const all = await list({ orderBy, first: 100 });
    const p1 = await list({ orderBy, first: 2 });
    expect(p1.totalCount).toBe(5);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = await list({ orderBy, first: 2, after: p1.pageInfo.endCursor });
    const p3 = await list({ orderBy, first: 2, after: p2.pageInfo.endCursor });
    expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...p1.edges, ...p2.edges, ...p3.edges].map((e) => e.node.articleId)).toEqual(all.edges.map((e) => e.node.articleId));
    const past = await list({ orderBy, first: 2, after: p3.pageInfo.endCursor });
    expect([past.edges.length, past.totalCount, past.pageInfo.hasNextPage]).toEqual([0, 5, false]);

    for (const after of ['nonsense', Buffer.from('[1,"x"]').toString('base64url'), p1.pageInfo.endCursor!]) {
      const other = after === p1.pageInfo.endCursor ? { field: Field.VIEWS, direction: Dir.ASC } : orderBy;
      await expect(list({ orderBy: other, after })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    }
    await expect(list({ first: 101 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    await expect(list({ to: FROM })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(list({ resolutionWindowMinutes: -1 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('filters articles by locale and feature, and measured events by channel', async () => {
    expect(Object.keys(await byName({ filter: { locale: 'fr' } }))).toEqual(['F']);
    expect(Object.keys(await byName({ filter: { featureId } }))).toEqual(['B']);
    // in_app: only D's view and vote; the portal searches give no impressions; published A, B, C, F listed with zeros
    const r = await byName({ filter: { channel: 'IN_APP' } });
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(r.D).toMatchObject({ views: 1, unhelpfulVotes: 1, impressions: 0 });
    expect([r.A.views, r.A.helpfulVotes, r.A.impressions, r.B.views, r.B.clicks]).toEqual([0, 0, 0, 0, 0]);
  });

  it('answers zeros and nulls for an empty range (deleted articles drop out)', async () => {
    const r = await byName({ from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-02T00:00:00Z') });
    expect(Object.keys(r).sort()).toEqual(['A', 'B', 'C', 'F']);
    for (const n of Object.values(r)) {
      expect(n).toMatchObject({
        views: 0, helpfulVotes: 0, impressions: 0, helpfulness: null, helpfulnessLowerBound: null,
        articleClickThroughRate: null, contactAfterViewRate: null, deflectionRate: null, daysSinceUpdate: 0, flags: [],
      });
    }
  });

  const QUERY = `query($from: DateTimeISO!, $to: DateTimeISO!) {
    articleEffectiveness(from: $from, to: $to, first: 2, orderBy: { field: IMPRESSIONS }) {
      totalCount edges { cursor node { article { id title } impressions clicks flags } }
    } }`;

  it('serves the article through the API, scoped to the key', async () => {
    const vars = { from: FROM.toISOString(), to: TO.toISOString() };
    const res = await app.gql(QUERY, vars, ws.keys.read);
    expect(res.errors).toBeUndefined();
    expect(res.data!.articleEffectiveness.totalCount).toBe(5);
    expect(res.data!.articleEffectiveness.edges.map((e: { node: object }) => e.node)).toEqual([
      { article: { id: id.B, title: 'Article B' }, impressions: 4, clicks: 3, flags: ['HIGH_CONTACT_RATE'] },
      { article: { id: id.A, title: 'Article A' }, impressions: 3, clicks: 1, flags: ['LOW_HELPFULNESS', 'STALE_BUT_VIEWED'] },
    ]);
    // the other workspace sees none of these articles, and its own events never reach this one
    const theirs = await app.gql(QUERY, vars, other.keys.read);
    expect(theirs.data!.articleEffectiveness.totalCount).toBe(0);
  });

  it('needs a key with the read scope', async () => {
    const vars = { from: FROM.toISOString(), to: TO.toISOString() };
    expect((await app.gql(QUERY, vars)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const key of [ws.keys.search, ws.keys.ingest]) {
      expect((await app.gql(QUERY, vars, key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.gql(QUERY, vars, ws.keys.admin)).errors).toBeUndefined();
  });
});
