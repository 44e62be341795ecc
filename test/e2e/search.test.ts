import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { ArticleSearchService } from '../../src/modules/article-search/article-search.service';
import { MeilisearchEngine } from '../../src/core/search/meilisearch-engine';
import { createLoaders } from '../../src/app/loaders';
import { queryRows } from '../../src/core/db/query-rows';

const SEARCH = `query($q: String!, $first: Int, $after: String, $sessionId: String, $locale: String, $track: Boolean) {
  searchArticles(query: $q, first: $first, after: $after, sessionId: $sessionId, locale: $locale, track: $track) {
    searchId sessionId query total degraded
    hits { position titleHighlighted snippet article { id slug title } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`;

/** Creates published articles through the API and waits until the index has them. */
async function publish(app: TestApp, ws: TestWorkspace, articles: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const input of articles) {
    const res = await app.gql(CREATE, { input: { status: 'PUBLISHED', ...input } }, ws.keys.write);
    expect(res.errors).toBeUndefined();
    ids.push(res.data!.createArticle.id);
  }
  await app.flushIndex();
  return ids;
}

describe('searchArticles (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let ids: string[];

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    ids = await publish(app, ws, [
      { title: 'Reset your password', summary: 'Forgot it?', body: 'Open **Settings** and choose reset password.' },
      { title: 'Password rules', body: 'A password needs 12 characters. <script>x</script>' },
      { title: 'Invite teammates', body: 'Send invitations from the team page.', locale: 'fr' },
      { title: 'Draft about passwords', body: 'password draft', status: 'DRAFT' },
    ]);
    await publish(app, other, [{ title: 'Other password secrets', body: 'password of the other workspace' }]);
  });
  afterAll(() => app.stop());

  it('finds published articles with highlights and 1-based positions, and records the search', async () => {
    const res = await app.gql(SEARCH, { q: '  Password ', sessionId: 's-1' }, ws.keys.search);
    expect(res.errors).toBeUndefined();
    const r = res.data!.searchArticles;
    expect(r.degraded).toBe(false);
    expect(r.total).toBe(2);
    expect(r.sessionId).toBe('s-1');
    expect(r.query).toBe('Password');
    expect(r.hits.map((h: { position: number }) => h.position)).toEqual([1, 2]);
    expect(new Set(r.hits.map((h: { article: { id: string } }) => h.article.id))).toEqual(new Set(ids.slice(0, 2)));
    for (const h of r.hits) expect(h.titleHighlighted).toMatch(/<mark>Password<\/mark>/i);
    expect(JSON.stringify(r.hits)).not.toContain('<script>');
    const [event] = await queryRows<Record<string, unknown>>(
      app.runtime.dataSource,
      'SELECT type, session_id, channel, query, normalized_query, hit_count, hit_ids FROM help_events WHERE id = $1',
      [r.searchId],
    );
    expect(event).toMatchObject({ type: 'SEARCH', session_id: 's-1', channel: 'portal', query: 'Password' });
    expect(event.normalized_query).toBe('password');
    expect(event.hit_count).toBe(2);
    expect(event.hit_ids).toEqual(r.hits.map((h: { article: { id: string } }) => h.article.id));
  });

  it('pages with positions over all pages and one searchId; generates a session when none is sent', async () => {
    const p1 = (await app.gql(SEARCH, { q: 'password', first: 1 }, ws.keys.read)).data!.searchArticles;
    expect(p1.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await app.gql(SEARCH, { q: 'password', first: 1, after: p1.pageInfo.endCursor }, ws.keys.read)).data!
      .searchArticles;
    expect(p2.searchId).toBe(p1.searchId);
    expect(p2.hits.map((h: { position: number }) => h.position)).toEqual([2]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const [{ n }] = await queryRows<{ n: number }>(
      app.runtime.dataSource,
      "SELECT count(*)::int AS n FROM help_events WHERE workspace_id = $1 AND session_id = $2 AND type = 'SEARCH'",
      [ws.id, p1.sessionId],
    );
    expect(n).toBe(1);
  });

  it('filters by locale and does not record a search when track is false', async () => {
    const r = (await app.gql(SEARCH, { q: 'invitations', locale: 'fr', track: false }, ws.keys.search)).data!
      .searchArticles;
    expect(r.searchId).toBeNull();
    expect(r.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual([ids[2]]);
    const none = (await app.gql(SEARCH, { q: 'invitations', locale: 'en' }, ws.keys.search)).data!.searchArticles;
    expect(none.total).toBe(0);
    expect(none.hits).toEqual([]);
  });

  it('never returns another workspace\'s articles', async () => {
    const mine = (await app.gql(SEARCH, { q: 'secrets' }, ws.keys.search)).data!.searchArticles;
    expect(mine.total).toBe(0);
    const theirs = (await app.gql(SEARCH, { q: 'password' }, other.keys.search)).data!.searchArticles;
    expect(theirs.total).toBe(1);
    for (const h of theirs.hits) expect(ids).not.toContain(h.article.id);
  });

  it('rejects blank, too long queries and bad page sizes with BAD_USER_INPUT', async () => {
    for (const vars of [{ q: '   ' }, { q: 'x'.repeat(513) }, { q: 'ok', first: 51 }, { q: 'ok', first: 0 }]) {
      const res = await app.gql(SEARCH, vars, ws.keys.search);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const bad = await app.gql(SEARCH, { q: 'ok', after: 'nope' }, ws.keys.search);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers UNAUTHENTICATED without a key and FORBIDDEN with an ingest-only key', async () => {
    expect((await app.gql(SEARCH, { q: 'password' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const res = await app.gql(SEARCH, { q: 'password' }, ws.keys.ingest);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('when Meilisearch is down', () => {
    it('answers from PostgreSQL full-text search with degraded: true, same workspace only', async () => {
      const services = app.runtime.services;
      const dead = new MeilisearchEngine('http://127.0.0.1:9', 'x', 'articles');
      const search = new ArticleSearchService(services.dataSource, dead, services.helpEvents, { engineTimeoutMs: 3000 });
      const ctx = { ...ws.ctx, loaders: createLoaders(services, ws.id) };
      const r = await search.search(ctx, { query: 'password', first: 10, channel: 'portal', track: true });
      expect(r.degraded).toBe(true);
      expect(r.total).toBe(2); // the draft and the other workspace's article are not found
      expect(new Set(r.hits.map((h) => h.article.id))).toEqual(new Set(ids.slice(0, 2)));
      expect(r.hits.map((h) => h.position)).toEqual([1, 2]);
      expect(r.hits[0].titleHighlighted).toContain('<mark>');
      for (const h of r.hits) expect(h.snippet).not.toContain('<script>');
      expect(r.searchId).toBeTruthy();

      // title-only ILIKE fallback: a fragment of a word is no full-text match
      const partial = await search.search(ctx, { query: 'eset', first: 10, channel: 'portal', track: false });
      expect(partial.degraded).toBe(true);
      expect(partial.hits.map((h) => h.article.id)).toEqual([ids[0]]);
    });

    it('falls back when the engine is too slow', async () => {
      const services = app.runtime.services;
      const slow = {
        ...services.search,
        search: () => new Promise<never>(() => undefined),
      } as unknown as MeilisearchEngine;
      const search = new ArticleSearchService(services.dataSource, slow, services.helpEvents, { engineTimeoutMs: 50 });
      const ctx = { ...ws.ctx, loaders: createLoaders(services, ws.id) };
      const r = await search.search(ctx, { query: 'teammates', first: 5, channel: 'portal', track: false });
      expect(r.degraded).toBe(true);
      expect(r.hits.map((h) => h.article.id)).toEqual([ids[2]]);
    });
  });
});
