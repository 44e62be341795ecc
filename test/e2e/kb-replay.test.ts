import path from 'node:path';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { importArticlesFolder } from '../../src/modules/articles/article-import';
import { Article, ArticleStatus } from '../../src/modules/articles/article.entity';
import { normalizeQuery } from '../../src/modules/help-events/normalize-query';

/** The real knowledge base: 297 MDX pages of the Meilisearch documentation (read in place, never copied). */
const KB = path.resolve(__dirname, '../../../shared/data/kb-meilisearch-docs/articles');

const SEARCH = `query($q: String!, $s: String!) {
  searchArticles(query: $q, sessionId: $s) { searchId total hits { position article { id } } } }`;
const RECORD = `mutation($events: [HelpEventInput!]!) { recordHelpEvents(events: $events) { status error { message } } }`;
const HELP_METRICS = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  helpSearchMetrics(from: $from, to: $to, timeZone: "UTC") {
    searches noResultSearches clickedSearches clicks clickThroughRate averageClickPosition successfulSearches
    helpSessions resolvedHelpSessions topFailedQueries { query count noResultCount } } }`;
const EFFECTIVENESS = `query($from: DateTimeISO!, $to: DateTimeISO!, $after: String) {
  articleEffectiveness(from: $from, to: $to, first: 40, after: $after, orderBy: { field: CLICKS, direction: DESC }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { article { id } views uniqueViewers helpfulVotes unhelpfulVotes impressions clicks contactAfterViewRate } } } }`;
const GAPS = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  contentGaps(from: $from, to: $to, first: 100) { query searches noResultSearches noClickSearches closestArticle { id } } }`;

/** Ten strings of consonants that no page of the documentation contains (checked below: they find nothing). */
const NONSENSE = [
  'qzxvkwpt', 'bxqzrtvk', 'mnbvcxzq', 'wrtzpqkx', 'kxzvbnqw', 'hjkqzxvt', 'plmkzqtr', 'gfdszxqw', 'trvxzqpk', 'zxcvbnqk',
];

interface Row {
  article: { id: string };
  views: number;
  uniqueViewers: number;
  helpfulVotes: number;
  unhelpfulVotes: number;
  impressions: number;
  clicks: number;
  contactAfterViewRate: number | null;
}

/*
 * Replays a scripted help-center stream against the real knowledge base through the GraphQL API, then checks that
 * helpSearchMetrics, articleEffectiveness and contentGaps agree with what the script did. Every search has its own
 * session, so none is collapsed as-you-type. Script (i = 0..39 over the title searches):
 *   - a click when i % 3 == 0 (14 searches), at position 1 (even i) or 2 (odd i, when there are 2 hits), then a view
 *     of the clicked article; a helpful vote when i % 6 == 0, an unhelpful one when i % 6 == 3;
 *   - a support contact in the sessions of i = 3 and 9 (clicked, unhelpful) and of the first nonsense query.
 */
describe('replaying a help-center stream over the real knowledge base', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();

  const titleQueries: string[] = [];
  /** First-page hit ids of each title search. */
  const shown: string[][] = [];
  const expected = {
    clicksByArticle: new Map<string, number>(),
    viewsByArticle: new Map<string, number>(),
    helpfulByArticle: new Map<string, number>(),
    unhelpfulByArticle: new Map<string, number>(),
    positions: [] as number[],
    unclicked: new Set<string>(),
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown>, key: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await app.gql<T>(query, variables, key);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const result = await importArticlesFolder(ws.ctx, app.runtime.services, {
      folder: KB,
      locale: 'en',
      status: ArticleStatus.PUBLISHED,
    });
    expect(result.failed).toEqual([]);
    await app.flushIndex();

    // 40 distinct queries of up to 4 title words, spread over the knowledge base
    const articles = await app.runtime.dataSource
      .getRepository(Article)
      .find({ where: { workspaceId: ws.id }, order: { slug: 'ASC' } });
    expect(articles).toHaveLength(297);
    for (let k = 0; titleQueries.length < 40 && k < articles.length; k++) {
      const q = articles[(k * 7) % articles.length].title.split(/\s+/).slice(0, 4).join(' ');
      if (!titleQueries.some((t) => normalizeQuery(t) === normalizeQuery(q))) titleQueries.push(q);
    }

    const now = () => new Date(Date.now() + 1000).toISOString();
    const events: Record<string, unknown>[] = [];
    for (const [i, q] of titleQueries.entries()) {
      const session = `title-${i}`;
      const r = (await gql(SEARCH, { q, s: session }, ws.keys.search)).searchArticles;
      expect([q, r.total > 0]).toEqual([q, true]);
      shown.push(r.hits.map((h: { article: { id: string } }) => h.article.id));
      if (i % 3 !== 0) {
        expected.unclicked.add(normalizeQuery(q));
        continue;
      }
      const position = i % 2 === 1 && r.hits.length >= 2 ? 2 : 1;
      const articleId = r.hits[position - 1].article.id as string;
      expected.positions.push(position);
      bump(expected.clicksByArticle, articleId);
      bump(expected.viewsByArticle, articleId);
      const base = { sessionId: session, searchId: r.searchId, articleId };
      events.push({ type: 'SEARCH_CLICK', position, occurredAt: now(), ...base });
      events.push({ type: 'ARTICLE_VIEW', occurredAt: now(), ...base });
      if (i % 6 === 0) {
        events.push({ type: 'ARTICLE_VOTE', helpful: true, occurredAt: now(), ...base });
        bump(expected.helpfulByArticle, articleId);
      } else if (i % 6 === 3) {
        events.push({ type: 'ARTICLE_VOTE', helpful: false, occurredAt: now(), ...base });
        bump(expected.unhelpfulByArticle, articleId);
      }
      if (i === 3 || i === 9) events.push({ type: 'SUPPORT_CONTACT', sessionId: session, occurredAt: now() });
    }
    for (const [i, q] of NONSENSE.entries()) {
      const r = (await gql(SEARCH, { q, s: `nonsense-${i}` }, ws.keys.search)).searchArticles;
      expect([q, r.total]).toEqual([q, 0]);
    }
    events.push({ type: 'SUPPORT_CONTACT', sessionId: 'nonsense-0', occurredAt: now() });
    const recorded = (await gql(RECORD, { events }, ws.keys.search)).recordHelpEvents as { status: string }[];
    expect(recorded.every((r) => r.status === 'RECORDED')).toBe(true);
  });
  afterAll(() => app.stop());

  it('helpSearchMetrics counts every search, the nonsense ones as no-result, and the clicks', async () => {
    const m = (await gql(HELP_METRICS, { from, to }, ws.keys.read)).helpSearchMetrics;
    const clicked = expected.positions.length; // 14
    expect(clicked).toBe(14);
    expect(m).toMatchObject({
      searches: 50,
      noResultSearches: NONSENSE.length,
      clickedSearches: clicked,
      clicks: clicked,
      successfulSearches: clicked - 2, // the sessions of i = 3 and 9 contacted support
      helpSessions: 50,
      resolvedHelpSessions: 47, // i = 3, 9 and the first nonsense session failed
    });
    expect(m.clickThroughRate).toBeCloseTo(clicked / 50, 12);
    expect(m.averageClickPosition).toBeCloseTo(expected.positions.reduce((a, b) => a + b, 0) / clicked, 12);
    const noResult = m.topFailedQueries.filter((q: { noResultCount: number }) => q.noResultCount > 0);
    for (const q of noResult) expect(NONSENSE).toContain(q.query);
  });

  it('articleEffectiveness lists every article with the replayed clicks, views, votes and impressions', async () => {
    const rows: Row[] = [];
    let after: string | null = null;
    do {
      const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Row }[] } =
        (await gql(EFFECTIVENESS, { from, to, after }, ws.keys.read)).articleEffectiveness;
      expect(page.totalCount).toBe(297);
      rows.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(rows.map((r) => r.article.id)).size).toBe(297);
    // sorted by clicks, descending
    expect(rows.map((r) => r.clicks)).toEqual([...rows.map((r) => r.clicks)].sort((a, b) => b - a));

    const impressionsByArticle = new Map<string, number>();
    for (const ids of shown) for (const id of ids) bump(impressionsByArticle, id);
    for (const r of rows) {
      const id = r.article.id;
      expect([id, r.clicks, r.views, r.helpfulVotes, r.unhelpfulVotes]).toEqual([
        id,
        expected.clicksByArticle.get(id) ?? 0,
        expected.viewsByArticle.get(id) ?? 0,
        expected.helpfulByArticle.get(id) ?? 0,
        expected.unhelpfulByArticle.get(id) ?? 0,
      ]);
      expect([id, r.impressions]).toEqual([id, impressionsByArticle.get(id) ?? 0]);
      expect(r.impressions).toBeGreaterThanOrEqual(r.clicks);
      if (r.views === 0) expect(r.contactAfterViewRate).toBeNull();
    }
    const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
    expect(sum((r) => r.clicks)).toBe(14);
    expect(sum((r) => r.impressions)).toBe(shown.reduce((a, s) => a + s.length, 0));
    // the views of i = 3 and 9 were followed by a support contact
    expect(sum((r) => (r.contactAfterViewRate ?? 0) * r.views)).toBeCloseTo(2, 9);
  });

  it('contentGaps holds exactly the nonsense queries as no-result gaps and the unclicked title searches', async () => {
    const gaps = (await gql(GAPS, { from, to }, ws.keys.read)).contentGaps as {
      query: string;
      searches: number;
      noResultSearches: number;
      noClickSearches: number;
      closestArticle: { id: string } | null;
    }[];
    const noResult = gaps.filter((g) => g.noResultSearches > 0);
    expect(noResult.map((g) => g.query).sort()).toEqual([...NONSENSE].sort());
    for (const g of noResult) expect(g).toMatchObject({ searches: 1, noClickSearches: 0, closestArticle: null });
    const noClick = gaps.filter((g) => g.noResultSearches === 0);
    expect(new Set(noClick.map((g) => g.query))).toEqual(expected.unclicked);
    // an unclicked title search shares words with its article, so some published article is closest
    for (const g of noClick) expect([g.query, g.closestArticle === null]).toEqual([g.query, false]);
    expect(gaps.reduce((a, g) => a + g.searches, 0)).toBe(50 - 14);
  });
});
