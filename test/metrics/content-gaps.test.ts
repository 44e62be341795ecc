import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { queryRows } from '../../src/core/db/query-rows';
import { normalizeQuery } from '../../src/modules/help-events/normalize-query';
import { ArticleStatus } from '../../src/modules/articles/article.entity';
import { ContentGapsArgs } from '../../src/modules/metrics/content-gaps.service';

/*
 * Known-answer test of contentGaps over [2026-05-01, 2026-05-02) UTC.
 *
 * Articles: pw "Reset your password" (published), csv "Export invoices to CSV" (published), fr "Réinitialiser le mot de
 * passe" (published, fr); "Password manager integration" (draft) and "Password policy" (soft-deleted) never match.
 *
 * g1 10:00 "Password expiry" 0 hits | g2 10:05 "password  EXPIRY" 0 hits | g3 11:00 "password expiry" 2 hits, no click
 *   => "password expiry": 3 failed searches, 2 without results, 1 without a click, last at 11:00, closest pw
 * g4 12:00 "invoices" 1 hit, clicked: not a gap
 * g5 12:30 "zzkx qqq" 0 hits => no article shares a word: closest null
 * g6 12:40 "csv export" 3 hits, no click => closest csv
 * g7 13:00:00 "blu" 0 hits, superseded 5 s later by "bluetooth" 0 hits => only "bluetooth" counts
 * g8 14:00 "mot de passe oublié" (fr, in_app) 0 hits => closest fr
 * g9 2026-05-02T00:00 "late" 0 hits: at `to`, outside; another workspace fails "password expiry" 5 times: never here.
 *
 * Order: searches desc, then no-result searches desc, then query: password expiry (3), bluetooth, mot de passe oublié,
 * zzkx qqq (1 each, no results), csv export (1, no click).
 */

const FROM = new Date('2026-05-01T00:00:00Z');
const TO = new Date('2026-05-02T00:00:00Z');

describe('contentGaps (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const id: Record<string, string> = {};
  const gaps = (over: Partial<ContentGapsArgs> = {}) =>
    app.runtime.services.contentGaps.contentGaps(ws.ctx, { from: FROM, to: TO, ...over });

  async function search(workspaceId: string, session: string, at: string, query: string, hits: number, f: { channel?: string; locale?: string } = {}) {
    const sid = randomUUID();
    await queryRows(
      app.runtime.dataSource,
      `INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, query, normalized_query, locale,
                                hit_count, hit_ids)
       VALUES ($1, $2, 'SEARCH', $3, $4, $5, $6, $7, $8, $9, '{}')`,
      [sid, workspaceId, session, f.channel ?? 'portal', at, query, normalizeQuery(query), f.locale ?? 'en', hits],
    );
    return sid;
  }

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    const a = app.runtime.services.articles;
    const make = async (name: string, title: string, body: string, extra: Record<string, unknown> = {}) => {
      id[name] = (await a.create(ws.ctx, { title, body, status: ArticleStatus.PUBLISHED, ...extra })).id;
    };
    await make('pw', 'Reset your password', 'Open the login page and follow the reset link.');
    await make('csv', 'Export invoices to CSV', 'Billing lets you download every invoice as a CSV file.');
    await make('fr', 'Réinitialiser le mot de passe', 'Ouvrez la page de connexion.', { locale: 'fr' });
    await make('draft', 'Password manager integration', 'Password expiry and password rotation.', { status: ArticleStatus.DRAFT });
    await make('gone', 'Password policy', 'Password expiry rules: passwords expire yearly.');
    await a.delete(ws.ctx, id.gone);

    const w = ws.id;
    await search(w, 'g1', '2026-05-01T10:00:00Z', 'Password expiry', 0);
    await search(w, 'g2', '2026-05-01T10:05:00Z', 'password  EXPIRY', 0);
    await search(w, 'g3', '2026-05-01T11:00:00Z', 'password expiry', 2);
    const g4 = await search(w, 'g4', '2026-05-01T12:00:00Z', 'invoices', 1);
    await queryRows(
      app.runtime.dataSource,
      `INSERT INTO help_events (id, workspace_id, type, session_id, occurred_at, search_id, article_id, position)
       VALUES ($1, $2, 'SEARCH_CLICK', 'g4', '2026-05-01T12:00:30Z', $3, $4, 1)`,
      [randomUUID(), w, g4, id.csv],
    );
    await search(w, 'g5', '2026-05-01T12:30:00Z', 'zzkx qqq', 0);
    await search(w, 'g6', '2026-05-01T12:40:00Z', 'csv export', 3);
    await search(w, 'g7', '2026-05-01T13:00:00Z', 'blu', 0);
    await search(w, 'g7', '2026-05-01T13:00:05Z', 'bluetooth', 0);
    await search(w, 'g8', '2026-05-01T14:00:00Z', 'mot de passe oublié', 0, { channel: 'in_app', locale: 'fr' });
    await search(w, 'g9', '2026-05-02T00:00:00Z', 'late', 0);
    for (let i = 0; i < 5; i++) await search(other.id, `o${i}`, '2026-05-01T10:00:00Z', 'password expiry', 0);
  });
  afterAll(() => app.stop());

  it('groups failed counted searches by normalized query, most failed first', async () => {
    const g = await gaps();
    expect(g.map((x) => [x.query, x.searches, x.noResultSearches, x.noClickSearches])).toEqual([
      ['password expiry', 3, 2, 1],
      ['bluetooth', 1, 1, 0],
      ['mot de passe oublié', 1, 1, 0],
      ['zzkx qqq', 1, 1, 0],
      ['csv export', 1, 0, 1],
    ]);
    expect(g[0].lastSearchedAt.toISOString()).toBe('2026-05-01T11:00:00.000Z');
  });

  it('names the closest published article by full-text rank, or null', async () => {
    const g = Object.fromEntries((await gaps()).map((x) => [x.query, x]));
    expect(g['password expiry'].closestArticleId).toBe(id.pw); // not the draft nor the deleted article
    expect(g['csv export'].closestArticleId).toBe(id.csv);
    expect(g['mot de passe oublié'].closestArticleId).toBe(id.fr);
    for (const q of ['password expiry', 'csv export']) expect(g[q].closestArticleScore).toBeGreaterThan(0);
    for (const q of ['bluetooth', 'zzkx qqq']) {
      expect([g[q].closestArticleId, g[q].closestArticleScore]).toEqual([null, null]);
    }
  });

  it('filters by channel and locale, limits to first, and is empty for an empty range', async () => {
    expect((await gaps({ filter: { channel: 'IN_APP' } })).map((x) => [x.query, x.closestArticleId])).toEqual([
      ['mot de passe oublié', id.fr],
    ]);
    // locale selects searches in that locale, and the closest article among articles in that locale
    expect((await gaps({ filter: { locale: 'en' } })).map((x) => x.query)).not.toContain('mot de passe oublié');
    expect((await gaps({ first: 2 })).map((x) => x.query)).toEqual(['password expiry', 'bluetooth']);
    expect(await gaps({ from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-02T00:00:00Z') })).toEqual([]);
    await expect(gaps({ first: 0 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    await expect(gaps({ from: TO, to: FROM })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  const QUERY = `query($from: DateTimeISO!, $to: DateTimeISO!) {
    contentGaps(from: $from, to: $to, first: 1) { query searches noResultSearches closestArticle { id title } } }`;

  it('serves the closest article through the API, scoped to the key', async () => {
    const vars = { from: FROM.toISOString(), to: TO.toISOString() };
    const res = await app.gql(QUERY, vars, ws.keys.read);
    expect(res.errors).toBeUndefined();
    expect(res.data!.contentGaps).toEqual([
      { query: 'password expiry', searches: 3, noResultSearches: 2, closestArticle: { id: id.pw, title: 'Reset your password' } },
    ]);
    // the other workspace sees its own 5 searches and none of this workspace's articles
    const theirs = await app.gql(QUERY, vars, other.keys.read);
    expect(theirs.data!.contentGaps).toEqual([
      { query: 'password expiry', searches: 5, noResultSearches: 5, closestArticle: null },
    ]);
    expect((await app.gql(QUERY, vars)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(QUERY, vars, ws.keys.search)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
