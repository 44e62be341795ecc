import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const RECORD = `mutation($events: [HelpEventInput!]!) {
  recordHelpEvents(events: $events) { index status eventId error { code message field } }
}`;
const SEARCH = `query($q: String!, $s: String) {
  searchArticles(query: $q, sessionId: $s) { searchId total hits { position article { id } } }
}`;
const METRICS = `query($from: DateTimeISO!, $to: DateTimeISO!) {
  helpSearchMetrics(from: $from, to: $to) {
    searches clicks clickThroughRate averageClickPosition searchSuccessRate helpSessions selfServiceResolutionRate
    topQueries { query count }
  }
}`;

type Result = { index: number; status: string; eventId: string | null; error: { code: string; field: string } | null };

describe('recordHelpEvents (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let articleId: string;
  let searchId: string;
  const now = () => new Date().toISOString();
  const record = async (events: Record<string, unknown>[], key = ws.keys.ingest) => {
    const res = await app.gql(RECORD, { events }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.recordHelpEvents as Result[];
  };

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    const created = await app.gql(
      `mutation { createArticle(input: { title: "Export invoices", body: "Billing > Export.", status: PUBLISHED }) { id } }`,
      {},
      ws.keys.write,
    );
    articleId = created.data!.createArticle.id;
    await app.flushIndex();
    const search = await app.gql(SEARCH, { q: 'export invoices', s: 'sess-a' }, ws.keys.search);
    searchId = search.data!.searchArticles.searchId;
    expect(search.data!.searchArticles.hits[0]).toMatchObject({ position: 1, article: { id: articleId } });
  });
  afterAll(() => app.stop());

  it('records clicks, views, votes and contacts and answers per item in order', async () => {
    const base = { sessionId: 'sess-a', occurredAt: now() };
    const results = await record(
      [
        { ...base, type: 'SEARCH_CLICK', searchId, articleId, position: 1 },
        { ...base, type: 'ARTICLE_VIEW', articleId, searchId },
        { ...base, type: 'ARTICLE_VOTE', articleId, helpful: true, reason: 'clear', searchId },
        { ...base, type: 'SUPPORT_CONTACT', channel: 'EMAIL' },
      ],
      ws.keys.search,
    );
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 'RECORDED'],
      [1, 'RECORDED'],
      [2, 'RECORDED'],
      [3, 'RECORDED'],
    ]);
    for (const r of results) expect(r.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports each bad item on its own and still records the good ones', async () => {
    const at = now();
    const results = await record([
      { type: 'SEARCH_CLICK', sessionId: 's', occurredAt: at, searchId, articleId, position: 0 },
      { type: 'SEARCH_CLICK', sessionId: 's', occurredAt: at, articleId, position: 1 },
      { type: 'ARTICLE_VIEW', sessionId: 's', occurredAt: at, articleId, position: 2 },
      { type: 'ARTICLE_VOTE', sessionId: 's', occurredAt: at, articleId },
      { type: 'ARTICLE_VIEW', sessionId: 's', occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(), articleId },
      { type: 'ARTICLE_VIEW', sessionId: 's', occurredAt: '2020-01-01T00:00:00Z', articleId },
      { type: 'ARTICLE_VIEW', sessionId: ' ', occurredAt: at, articleId },
      { type: 'ARTICLE_VIEW', sessionId: 's', occurredAt: at, articleId: '00000000-0000-4000-8000-000000000000' },
      { type: 'SEARCH_CLICK', sessionId: 's', occurredAt: at, searchId: articleId, articleId, position: 1 },
      { type: 'ARTICLE_VIEW', sessionId: 's', occurredAt: at, articleId },
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['ERROR', 'BAD_USER_INPUT', 'position'],
      ['ERROR', 'BAD_USER_INPUT', 'searchId'],
      ['ERROR', 'BAD_USER_INPUT', 'position'],
      ['ERROR', 'BAD_USER_INPUT', 'helpful'],
      ['ERROR', 'BAD_USER_INPUT', 'occurredAt'],
      ['ERROR', 'BAD_USER_INPUT', 'occurredAt'],
      ['ERROR', 'BAD_USER_INPUT', 'sessionId'],
      ['ERROR', 'NOT_FOUND', 'articleId'],
      ['ERROR', 'NOT_FOUND', 'searchId'],
      ['RECORDED', null, null],
    ]);
    expect(results.slice(0, 9).every((r) => r.eventId === null)).toBe(true);
  });

  it('is idempotent on clientEventId, across calls and within one batch', async () => {
    const ev = { type: 'ARTICLE_VIEW', sessionId: 'sess-i', occurredAt: now(), articleId, clientEventId: 'view-1' };
    const [first] = await record([ev]);
    expect(first.status).toBe('RECORDED');
    const again = await record([ev, { ...ev, clientEventId: 'view-2' }, { ...ev, clientEventId: 'view-2' }]);
    expect(again.map((r) => r.status)).toEqual(['DUPLICATE', 'RECORDED', 'DUPLICATE']);
    expect(again[0].eventId).toBe(first.eventId);
    expect(again[2].eventId).toBe(again[1].eventId);
    // the same clientEventId in another workspace is another event
    const [theirs] = await record([{ ...ev, articleId: undefined, type: 'SUPPORT_CONTACT' }], other.keys.ingest);
    expect(theirs.status).toBe('RECORDED');
  });

  it('refuses another workspace\'s searchId and articles', async () => {
    const [res] = await record(
      [{ type: 'SEARCH_CLICK', sessionId: 'x', occurredAt: now(), searchId, articleId, position: 1 }],
      other.keys.ingest,
    );
    expect(res).toMatchObject({ status: 'ERROR', error: { code: 'NOT_FOUND', field: 'searchId' } });
  });

  it('limits batches to 1000 items and checks scopes', async () => {
    const ev = { type: 'SUPPORT_CONTACT', sessionId: 'big', occurredAt: now() };
    const big = await app.gql(RECORD, { events: Array.from({ length: 1001 }, () => ev) }, ws.keys.ingest);
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await record(Array.from({ length: 1000 }, (_, i) => ({ ...ev, clientEventId: `bulk-${i}` })));
    expect(ok.filter((r) => r.status === 'RECORDED')).toHaveLength(1000);
    expect((await app.gql(RECORD, { events: [ev] }, ws.keys.read)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(RECORD, { events: [ev] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('feeds helpSearchMetrics of its own workspace only (read scope)', async () => {
    const vars = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    expect((await app.gql(METRICS, vars, ws.keys.search)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const res = await app.gql(METRICS, vars, ws.keys.read);
    expect(res.errors).toBeUndefined();
    const mine = res.data!.helpSearchMetrics;
    // one search in sess-a: clicked at position 1, but the support contact right after fails it and the session
    expect(mine).toMatchObject({
      searches: 1,
      clicks: 1,
      clickThroughRate: 1,
      averageClickPosition: 1,
      searchSuccessRate: 0,
      topQueries: [{ query: 'export invoices', count: 1 }],
    });
    // sessions with a view or search: sess-a (failed), s, sess-i (resolved)
    expect(mine.helpSessions).toBe(3);
    expect(mine.selfServiceResolutionRate).toBeCloseTo(2 / 3);
    const theirs = (await app.gql(METRICS, vars, other.keys.read)).data!.helpSearchMetrics;
    expect(theirs).toMatchObject({ searches: 0, clicks: 0, clickThroughRate: null, helpSessions: 0, topQueries: [] });
    expect(theirs.selfServiceResolutionRate).toBeNull();
  });
  it('stamps events sent without occurredAt with the time they were received (runs last: it adds a view)', async () => {
    const before = Date.now();
    const [result] = await record([{ type: 'ARTICLE_VIEW', sessionId: 'sess-now', articleId }]);
    expect(result.status).toBe('RECORDED');
    const [row] = await app.runtime.dataSource.query('SELECT occurred_at FROM help_events WHERE id = $1', [result.eventId]);
    expect(new Date(row.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(row.occurred_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
