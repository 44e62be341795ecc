import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { queryRows } from '../../src/core/db/query-rows';
import { normalizeQuery } from '../../src/modules/help-events/normalize-query';
import { MetricInterval } from '../../src/modules/metrics/metric-period';
import { HelpSearchMetricsArgs } from '../../src/modules/metrics/help-search-metrics.service';

/*
 * Known-answer test of helpSearchMetrics. The scenario (all times UTC; New York switches from EST, UTC-5, to EDT,
 * UTC-4, at 2026-03-08 07:00Z, so the local day of March 8 lasts 23 hours):
 *
 * session A  15:00:00 Mar 7  SEARCH " PASS"            3 hits  superseded: A2 extends it 10 s later, no click of its own
 *            15:00:10        SEARCH "Password  Reset"   3 hits  click at position 2, helpful vote, view: success
 * session B  04:30 Mar 8     SEARCH "invoice"           0 hits  (23:30 EST Mar 7) not superseded by B2: 60 s later
 *            04:31           SEARCH "invoices export"   2 hits  clicks at positions 1 and 3
 *            05:20           SUPPORT_CONTACT: 50 and 49 minutes later, fails B1 and B2
 * session C  07:30:00 Mar 8  SEARCH "Billing"           1 hit   no click; same normalized query as C2 (not longer):
 *            07:30:05        SEARCH "billing"           1 hit   click at position 1      not superseded
 *            08:30:05        SUPPORT_CONTACT: exactly 60 min after C2 (fails it, the window is inclusive),
 *                            60 min 5 s after C1 (does not fail it)
 * session D  03:30:00 Mar 10 SEARCH "SSO"               0 hits  (23:30 EDT Mar 9) superseded by D2 20 s later
 *            03:30:20        SEARCH "sso setup"         4 hits  clicked at position 4 at 04:10, after `to`: still counts
 * session E  12:00 Mar 9     ARTICLE_VIEW, SUPPORT_CONTACT at 12:30: a failed help session without searches
 * session G  14:00 Mar 9     SEARCH "facture" (fr, in_app) 2 hits, no click, helpful vote carrying its searchId
 * session H  16:00:00 Mar 9  SEARCH "api"               5 hits  click at position 1: not superseded though H2 extends it
 *            16:00:10        SEARCH "api keys"          2 hits  no click
 * session F  04:59:59 Mar 7  SEARCH "pass" just before `from`; 04:00:00 Mar 10 SEARCH "late" exactly at `to`: both out
 * another workspace: a clicked search in range, never counted here.
 *
 * Range [2026-03-07T05:00Z, 2026-03-10T04:00Z) = local days March 7, 8 and 9 in New York.
 */

const FROM = new Date('2026-03-07T05:00:00Z');
const TO = new Date('2026-03-10T04:00:00Z');

type Figures = Record<string, number | null>;

describe('helpSearchMetrics (known answers)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const metrics = (over: Partial<HelpSearchMetricsArgs> = {}) =>
    app.runtime.services.helpSearchMetrics.metrics(ws.ctx, {
      from: FROM,
      to: TO,
      timeZone: 'America/New_York',
      interval: MetricInterval.DAY,
      resolutionWindowMinutes: 60,
      ...over,
    });

  /** Inserts one event the way the services store it. */
  async function ev(
    workspaceId: string,
    type: string,
    sessionId: string,
    at: string,
    f: { query?: string; hits?: number; searchId?: string; position?: number; helpful?: boolean; locale?: string; channel?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await queryRows(
      app.runtime.dataSource,
      `INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, query, normalized_query, locale,
                                hit_count, hit_ids, search_id, article_id, position, helpful)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '{}', $11, $12, $13, $14)`,
      [
        id,
        workspaceId,
        type,
        sessionId,
        f.channel ?? 'portal',
        at,
        f.query ?? null,
        f.query === undefined ? null : normalizeQuery(f.query),
        f.locale ?? 'en',
        f.hits ?? null,
        f.searchId ?? null,
        type === 'SEARCH' || type === 'SUPPORT_CONTACT' ? null : randomUUID(),
        f.position ?? null,
        f.helpful ?? null,
      ],
    );
    return id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const other = await app.workspace();
    const w = ws.id;
    await ev(w, 'SEARCH', 'A', '2026-03-07T15:00:00Z', { query: ' PASS', hits: 3 });
    const a2 = await ev(w, 'SEARCH', 'A', '2026-03-07T15:00:10Z', { query: 'Password  Reset', hits: 3 });
    await ev(w, 'SEARCH_CLICK', 'A', '2026-03-07T15:00:30Z', { searchId: a2, position: 2 });
    await ev(w, 'ARTICLE_VIEW', 'A', '2026-03-07T15:00:31Z', { searchId: a2 });
    await ev(w, 'ARTICLE_VOTE', 'A', '2026-03-07T15:05:00Z', { searchId: a2, helpful: true });

    await ev(w, 'SEARCH', 'B', '2026-03-08T04:30:00Z', { query: 'invoice', hits: 0 });
    const b2 = await ev(w, 'SEARCH', 'B', '2026-03-08T04:31:00Z', { query: 'invoices export', hits: 2 });
    await ev(w, 'SEARCH_CLICK', 'B', '2026-03-08T04:32:00Z', { searchId: b2, position: 1 });
    await ev(w, 'SEARCH_CLICK', 'B', '2026-03-08T04:33:00Z', { searchId: b2, position: 3 });
    await ev(w, 'SUPPORT_CONTACT', 'B', '2026-03-08T05:20:00Z', { channel: 'email' });

    await ev(w, 'SEARCH', 'C', '2026-03-08T07:30:00Z', { query: 'Billing', hits: 1 });
    const c2 = await ev(w, 'SEARCH', 'C', '2026-03-08T07:30:05Z', { query: 'billing', hits: 1 });
    await ev(w, 'SEARCH_CLICK', 'C', '2026-03-08T07:31:00Z', { searchId: c2, position: 1 });
    await ev(w, 'SUPPORT_CONTACT', 'C', '2026-03-08T08:30:05Z');

    await ev(w, 'SEARCH', 'D', '2026-03-10T03:30:00Z', { query: 'SSO', hits: 0 });
    const d2 = await ev(w, 'SEARCH', 'D', '2026-03-10T03:30:20Z', { query: 'sso setup', hits: 4 });
    await ev(w, 'SEARCH_CLICK', 'D', '2026-03-10T04:10:00Z', { searchId: d2, position: 4 });

    await ev(w, 'ARTICLE_VIEW', 'E', '2026-03-09T12:00:00Z');
    await ev(w, 'SUPPORT_CONTACT', 'E', '2026-03-09T12:30:00Z');

    const g1 = await ev(w, 'SEARCH', 'G', '2026-03-09T14:00:00Z', { query: 'facture', hits: 2, locale: 'fr', channel: 'in_app' });
    await ev(w, 'ARTICLE_VOTE', 'G', '2026-03-09T14:02:00Z', { searchId: g1, helpful: true, locale: 'fr', channel: 'in_app' });

    const h1 = await ev(w, 'SEARCH', 'H', '2026-03-09T16:00:00Z', { query: 'api', hits: 5 });
    await ev(w, 'SEARCH_CLICK', 'H', '2026-03-09T16:00:05Z', { searchId: h1, position: 1 });
    await ev(w, 'SEARCH', 'H', '2026-03-09T16:00:10Z', { query: 'api keys', hits: 2 });

    await ev(w, 'SEARCH', 'F', '2026-03-07T04:59:59Z', { query: 'pass', hits: 1 });
    await ev(w, 'SEARCH', 'F', '2026-03-10T04:00:00Z', { query: 'late', hits: 1 });

    const o = await ev(other.id, 'SEARCH', 'A', '2026-03-08T12:00:00Z', { query: 'password', hits: 1 });
    await ev(other.id, 'SEARCH_CLICK', 'A', '2026-03-08T12:00:05Z', { searchId: o, position: 7 });
    await ev(other.id, 'SUPPORT_CONTACT', 'A', '2026-03-07T15:10:00Z');
  });
  afterAll(() => app.stop());

  function expectFigures(actual: object, expected: Figures) {
    const a = actual as Figures;
    for (const [key, value] of Object.entries(expected)) {
      if (value === null || Number.isInteger(value)) expect([key, a[key]]).toEqual([key, value]);
      else expect([key, a[key]]).toEqual([key, expect.closeTo(value, 10)]);
    }
  }

  it('computes every figure of the range', async () => {
    const m = await metrics();
    // counted: A2, B1, B2, C1, C2, D2, G1, H1, H2 (A1 and D1 superseded, F's outside the range)
    expectFigures(m, {
      searches: 9,
      noResultSearches: 1, // B1
      clickedSearches: 5, // A2, B2, C2, D2 (click after `to`), H1
      clicks: 6, // positions 2; 1, 3; 1; 4; 1
      successfulSearches: 4, // A2, D2, G1 (helpful vote), H1; B2 and C2 are failed by a contact
      helpSessions: 7, // A, B, C, D, E (a view only), G, H
      resolvedHelpSessions: 4, // A, D, G, H
      noResultRate: 1 / 9,
      clickThroughRate: 5 / 9,
      clicksPerSearch: 6 / 9,
      noClickRate: 3 / 8, // C1, G1, H2 of the 8 searches with hits
      averageClickPosition: 12 / 6,
      searchSuccessRate: 4 / 9,
      selfServiceResolutionRate: 4 / 7,
    });
  });

  it('buckets by local day in New York, with a 23-hour March 8', async () => {
    const { series } = await metrics();
    expect(series.map((b) => [b.start.toISOString(), b.end.toISOString()])).toEqual([
      ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z'],
      ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'], // 23 hours
      ['2026-03-09T04:00:00.000Z', '2026-03-10T04:00:00.000Z'],
    ]);
    // March 7 local: A2, and B1/B2 (23:30/23:31 EST); sessions A (resolved) and B
    expectFigures(series[0], {
      searches: 3, noResultSearches: 1, clickedSearches: 2, clicks: 3, successfulSearches: 1,
      helpSessions: 2, resolvedHelpSessions: 1,
      noResultRate: 1 / 3, clickThroughRate: 2 / 3, clicksPerSearch: 1, noClickRate: 0,
      averageClickPosition: 2, searchSuccessRate: 1 / 3, selfServiceResolutionRate: 0.5,
    });
    // March 8 local: C1, C2; session C failed by the contact at the edge of the window
    expectFigures(series[1], {
      searches: 2, noResultSearches: 0, clickedSearches: 1, clicks: 1, successfulSearches: 0,
      helpSessions: 1, resolvedHelpSessions: 0,
      noResultRate: 0, clickThroughRate: 0.5, clicksPerSearch: 0.5, noClickRate: 0.5,
      averageClickPosition: 1, searchSuccessRate: 0, selfServiceResolutionRate: 0,
    });
    // March 9 local: G1, H1, H2 and D2 (23:30 EDT); sessions D, E, G, H
    expectFigures(series[2], {
      searches: 4, noResultSearches: 0, clickedSearches: 2, clicks: 2, successfulSearches: 3,
      helpSessions: 4, resolvedHelpSessions: 3,
      noResultRate: 0, clickThroughRate: 0.5, clicksPerSearch: 0.5, noClickRate: 0.5,
      averageClickPosition: 2.5, searchSuccessRate: 0.75, selfServiceResolutionRate: 0.75,
    });
  });

  it('buckets the same range by UTC day: four buckets, the first starting before `from`', async () => {
    const m = await metrics({ timeZone: 'UTC' });
    expectFigures(m, { searches: 9, clicks: 6, helpSessions: 7 }); // the range, not the zone, selects events
    expect(m.series.map((b) => b.start.toISOString().slice(0, 10))).toEqual([
      '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10',
    ]);
    expectFigures(m.series[0], { searches: 1, clicks: 1, clickThroughRate: 1, averageClickPosition: 2, noClickRate: 0 });
    // B1, B2, C1, C2: with hits B2, C1, C2, of which C1 has no click
    expectFigures(m.series[1], {
      searches: 4, noResultSearches: 1, clicks: 3, noClickRate: 1 / 3, averageClickPosition: 5 / 3,
      searchSuccessRate: 0, helpSessions: 2, selfServiceResolutionRate: 0,
    });
    // G1, H1, H2 and session E's view
    expectFigures(m.series[2], {
      searches: 3, clickedSearches: 1, noClickRate: 2 / 3, searchSuccessRate: 2 / 3,
      helpSessions: 3, resolvedHelpSessions: 2, selfServiceResolutionRate: 2 / 3,
    });
    expectFigures(m.series[3], { searches: 1, clicks: 1, averageClickPosition: 4, searchSuccessRate: 1, helpSessions: 1 });
  });

  it('ranks top and failed queries by normalized form', async () => {
    const m = await metrics();
    expect(m.topQueries.map((q) => [q.query, q.count, q.noResultCount, q.clickedCount])).toEqual([
      ['billing', 2, 0, 1], // "Billing" and "billing"
      ['api', 1, 0, 1],
      ['api keys', 1, 0, 0],
      ['facture', 1, 0, 0],
      ['invoice', 1, 1, 0],
      ['invoices export', 1, 0, 1],
      ['password reset', 1, 0, 1], // "Password  Reset"
      ['sso setup', 1, 0, 1],
    ]);
    // failed = no results or no click (B2 and C2, failed by contacts, still had clicks)
    expect(m.topFailedQueries.map((q) => [q.query, q.count, q.noResultCount])).toEqual([
      ['api keys', 1, 0],
      ['billing', 1, 0],
      ['facture', 1, 0],
      ['invoice', 1, 1],
    ]);
  });

  it('applies the resolution window argument', async () => {
    // 30 minutes: B's contact (49-50 min) and C's (60 min) fail nothing; E's view (30 min, inclusive) stays failed
    expectFigures(await metrics({ resolutionWindowMinutes: 30 }), {
      successfulSearches: 6, searchSuccessRate: 6 / 9, resolvedHelpSessions: 6, selfServiceResolutionRate: 6 / 7,
    });
  });

  it('filters the measured searches and views by channel and locale', async () => {
    for (const filter of [{ channel: 'IN_APP' }, { locale: 'fr' }]) {
      expectFigures(await metrics({ filter }), {
        searches: 1, clickedSearches: 0, clicks: 0, successfulSearches: 1, helpSessions: 1, resolvedHelpSessions: 1,
        clickThroughRate: 0, noClickRate: 1, averageClickPosition: null, searchSuccessRate: 1,
      });
    }
  });

  it('answers zero counts and null rates for an empty range, and for empty buckets', async () => {
    const empty = await metrics({ from: new Date('2026-04-01T04:00:00Z'), to: new Date('2026-04-03T04:00:00Z') });
    const zero = {
      searches: 0, noResultSearches: 0, clickedSearches: 0, clicks: 0, successfulSearches: 0, helpSessions: 0,
      resolvedHelpSessions: 0, noResultRate: null, clickThroughRate: null, clicksPerSearch: null, noClickRate: null,
      averageClickPosition: null, searchSuccessRate: null, selfServiceResolutionRate: null,
    };
    expectFigures(empty, zero);
    expect(empty.series).toHaveLength(2);
    for (const b of empty.series) expectFigures(b, zero);
    expect(empty.topQueries).toEqual([]);
    expect(empty.topFailedQueries).toEqual([]);

    // March 5 (empty), March 6 (F's "pass" at 23:59:59 EST), March 7
    const m = await metrics({ from: new Date('2026-03-05T05:00:00Z'), to: new Date('2026-03-08T05:00:00Z') });
    expectFigures(m.series[0], zero);
    expectFigures(m.series[1], { searches: 1, clicks: 0, clickThroughRate: 0, noClickRate: 1, helpSessions: 1 });
    expectFigures(m.series[2], { searches: 3 });
  });

  it('buckets by ISO week and month', async () => {
    const weeks = await metrics({ interval: MetricInterval.WEEK });
    // ISO weeks run Monday to Sunday: Saturday March 7 and Sunday March 8 belong to the week of Monday March 2
    expect(weeks.series.map((b) => b.start.toISOString())).toEqual(['2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(weeks.series.map((b) => b.searches)).toEqual([5, 4]);
    const months = await metrics({ interval: MetricInterval.MONTH });
    expect(months.series.map((b) => [b.start.toISOString(), b.end.toISOString()])).toEqual([
      ['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
    ]);
  });

  it('rejects an unknown time zone and an empty or reversed range', async () => {
    await expect(metrics({ timeZone: 'Mars/Olympus_Mons' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'timeZone' },
    });
    await expect(metrics({ to: FROM })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(metrics({ from: TO, to: FROM })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('normalizes queries: NFKC, case-folded, trimmed, spaces collapsed', () => {
    expect(normalizeQuery('  ＡＰＩ \t Keys\n')).toBe('api keys');
    expect(normalizeQuery('Straße')).toBe('straße');
  });
});
