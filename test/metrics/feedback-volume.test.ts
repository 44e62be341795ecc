import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { SubmitFeedbackInput } from '../../src/modules/feedback/dto/feedback.input';
import { FeedbackKind } from '../../src/modules/feedback/feedback.entity';

const VOLUME = `query($from: DateTimeISO!, $to: DateTimeISO!, $interval: MetricInterval!,
    $groupBy: FeedbackVolumeGroupBy!, $timeZone: String, $filter: FeedbackMetricFilter) {
  feedbackVolume(from: $from, to: $to, interval: $interval, groupBy: $groupBy, timeZone: $timeZone, filter: $filter) {
    total previousTotal previousFrom
    groups { key label count previousCount }
    buckets { start end localStart total groups { key label count } }
  }
}`;

const NY = 'America/New_York';

/**
 * Known answers around the America/New_York DST changes of 2026: clocks go forward on Sunday 2026-03-08 at 02:00
 * EST (-05:00 -> -04:00: a 23 h day) and back on Sunday 2026-11-01 at 02:00 EDT (-04:00 -> -05:00: a 25 h day).
 */
const ITEMS: [string, string, FeedbackKind, string][] = [
  // id, occurredAt (UTC), kind, source                  local New York time
  ['F', '2026-03-04T05:59:00Z', FeedbackKind.FEATURE, 'web'], // Wed Mar 4 00:59 EST
  ['E', '2026-03-04T06:00:00Z', FeedbackKind.FEATURE, 'web'], // Wed Mar 4 01:00 EST
  ['A', '2026-03-08T04:30:00Z', FeedbackKind.FEATURE, 'web'], // Sat Mar 7 23:30 EST (UTC: Mar 8)
  ['B', '2026-03-08T05:00:00Z', FeedbackKind.FEATURE, 'web'], // Sun Mar 8 00:00 EST
  ['C', '2026-03-09T03:59:00Z', FeedbackKind.EASE_OF_USE, 'app'], // Sun Mar 8 23:59 EDT (UTC: Mar 9)
  ['D', '2026-03-09T04:00:00Z', FeedbackKind.FEATURE, 'app'], // Mon Mar 9 00:00 EDT
  ['G', '2026-11-01T04:00:00Z', FeedbackKind.FEATURE, 'web'], // Sun Nov 1 00:00 EDT
  ['H', '2026-11-01T05:30:00Z', FeedbackKind.FEATURE, 'web'], // Sun Nov 1 01:30 EDT (first 01:30)
  ['I', '2026-11-01T06:30:00Z', FeedbackKind.FEATURE, 'web'], // Sun Nov 1 01:30 EST (second 01:30)
  ['J', '2026-11-02T04:59:00Z', FeedbackKind.FEATURE, 'web'], // Sun Nov 1 23:59 EST (UTC: Nov 2)
  ['K', '2026-11-02T05:00:00Z', FeedbackKind.FEATURE, 'web'], // Mon Nov 2 00:00 EST
];

const HOUR = 3600_000;
const hours = (b: { start: string; end: string }) => (Date.parse(b.end) - Date.parse(b.start)) / HOUR;

describe('feedbackVolume (known answers across DST)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const volume = (vars: Record<string, unknown>, key?: string) => app.gql(VOLUME, vars, key ?? ws.keys.read);

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    const items = ITEMS.map(([id, at, kind, source]) => ({
      kind,
      text: `item ${id}`,
      source,
      externalId: id,
      occurredAt: new Date(at),
      effortScore: kind === FeedbackKind.EASE_OF_USE ? 3 : null,
    })) as SubmitFeedbackInput[];
    const results = await app.runtime.services.feedback.submitBatch(ws.ctx, items);
    expect(results.every((r) => r.status === 'CREATED')).toBe(true);
  });
  afterAll(() => app.stop());

  it('cuts New York days at local midnight: a 23 h day on 2026-03-08', async () => {
    // [Sat Mar 7 00:00 EST, Tue Mar 10 00:00 EDT): Mar 7 {A}, Mar 8 {B, C}, Mar 9 {D}.
    // Previous period: same length (71 h) before: [2026-03-04T06:00Z, 2026-03-07T05:00Z) holds E only (F is 1 min early).
    const res = await volume({ from: '2026-03-07T05:00:00Z', to: '2026-03-10T04:00:00Z', interval: 'DAY', groupBy: 'KIND', timeZone: NY });
    expect(res.errors).toBeUndefined();
    const v = res.data!.feedbackVolume;
    expect(v.previousFrom).toBe('2026-03-04T06:00:00.000Z');
    expect(v.buckets.map((b: { localStart: string }) => b.localStart)).toEqual([
      '2026-03-07T00:00:00-05:00',
      '2026-03-08T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
    ]);
    expect(v.buckets.map(hours)).toEqual([24, 23, 24]);
    expect(v.buckets.map((b: { total: number }) => b.total)).toEqual([1, 2, 1]);
    expect(v.buckets[1].groups).toEqual([
      { key: 'FEATURE', label: 'FEATURE', count: 1 },
      { key: 'EASE_OF_USE', label: 'EASE_OF_USE', count: 1 },
    ]);
    expect(v.total).toBe(4);
    expect(v.previousTotal).toBe(1);
    expect(v.groups).toEqual([
      { key: 'FEATURE', label: 'FEATURE', count: 3, previousCount: 1 },
      { key: 'EASE_OF_USE', label: 'EASE_OF_USE', count: 1, previousCount: 0 },
    ]);
  });

  it('gives UTC days different answers for the same items', async () => {
    // UTC days Mar 7, 8, 9 over [Mar 7 00:00Z, Mar 10 00:00Z): Mar 8 {A, B}, Mar 9 {C, D}.
    const res = await volume({ from: '2026-03-07T00:00:00Z', to: '2026-03-10T00:00:00Z', interval: 'DAY', groupBy: 'SOURCE' });
    const v = res.data!.feedbackVolume;
    expect(v.buckets.map((b: { total: number }) => b.total)).toEqual([0, 2, 2]);
    expect(v.buckets[0].localStart).toBe('2026-03-07T00:00:00+00:00');
    // previous [Mar 4 00:00Z, Mar 7 00:00Z) holds E and F, both from "web".
    expect(v.groups).toEqual([
      { key: 'web', label: 'web', count: 2, previousCount: 2 },
      { key: 'app', label: 'app', count: 2, previousCount: 0 },
    ]);
  });

  it('cuts a 25 h day on 2026-11-01 and counts both 01:30s in it', async () => {
    // [Sun Nov 1 00:00 EDT, Tue Nov 3 00:00 EST): Nov 1 {G, H, I, J}, Nov 2 {K}. Previous period (49 h) is empty.
    const res = await volume({ from: '2026-11-01T04:00:00Z', to: '2026-11-03T05:00:00Z', interval: 'DAY', groupBy: 'KIND', timeZone: NY });
    const v = res.data!.feedbackVolume;
    expect(v.buckets.map((b: { localStart: string }) => b.localStart)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
    ]);
    expect(v.buckets.map(hours)).toEqual([25, 24]);
    expect(v.buckets.map((b: { total: number }) => b.total)).toEqual([4, 1]);
    expect([v.total, v.previousTotal]).toEqual([5, 0]);
  });

  it('starts ISO weeks on Monday 00:00 local, the first bucket holding `from`', async () => {
    // from Wed Mar 4 01:00 EST (E included, F not) to Tue Mar 10 00:00 EDT: week of Mon Mar 2 {E, A, B, C} (a
    // 167 h week: it holds the DST change), week of Mon Mar 9 {D}. Previous period: 142 h before `from`, i.e.
    // [2026-02-26T08:00Z, 2026-03-04T06:00Z), holds F only.
    const res = await volume({ from: '2026-03-04T06:00:00Z', to: '2026-03-10T04:00:00Z', interval: 'WEEK', groupBy: 'SOURCE', timeZone: NY });
    const v = res.data!.feedbackVolume;
    expect(v.buckets.map((b: { localStart: string }) => b.localStart)).toEqual([
      '2026-03-02T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
    ]);
    expect(hours(v.buckets[0])).toBe(167);
    expect(v.buckets[0].groups).toEqual([
      { key: 'web', label: 'web', count: 3 },
      { key: 'app', label: 'app', count: 1 },
    ]);
    expect(v.buckets[1].groups).toEqual([
      { key: 'web', label: 'web', count: 0 },
      { key: 'app', label: 'app', count: 1 },
    ]);
    expect(v.previousFrom).toBe('2026-02-26T08:00:00.000Z');
    expect([v.total, v.previousTotal]).toEqual([5, 1]);
  });

  it('returns every bucket of an empty range with zero counts', async () => {
    const res = await volume({ from: '2025-01-01T05:00:00Z', to: '2025-01-04T05:00:00Z', interval: 'DAY', groupBy: 'FEATURE', timeZone: NY });
    const v = res.data!.feedbackVolume;
    expect(v.buckets).toHaveLength(3);
    expect(v.buckets.every((b: { total: number; groups: unknown[] }) => b.total === 0 && b.groups.length === 0)).toBe(true);
    expect([v.total, v.previousTotal, v.groups]).toEqual([0, 0, []]);
  });

  it('groups by feature with a null key for feedback without one, and filters', async () => {
    // MONTH of March 2026 in New York holds A-F (6 items), none with a feature; with the filter source=app: C, D.
    const res = await volume({ from: '2026-03-01T05:00:00Z', to: '2026-04-01T04:00:00Z', interval: 'MONTH', groupBy: 'FEATURE', timeZone: NY });
    const v = res.data!.feedbackVolume;
    expect(v.buckets).toHaveLength(1);
    expect(v.groups).toEqual([{ key: null, label: '(no feature)', count: 6, previousCount: 0 }]);
    const app2 = await volume({ from: '2026-03-01T05:00:00Z', to: '2026-04-01T04:00:00Z', interval: 'MONTH', groupBy: 'KIND', timeZone: NY, filter: { source: 'app' } });
    expect(app2.data!.feedbackVolume.total).toBe(2);
  });

  it('refuses bad arguments with BAD_USER_INPUT and keys without read with FORBIDDEN', async () => {
    const base = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', interval: 'DAY', groupBy: 'KIND' };
    const bad = [
      { ...base, timeZone: 'Mars/Olympus_Mons' },
      { ...base, timeZone: "UTC'; select 1 --" },
      { ...base, to: base.from },
      { ...base, from: '2020-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z', interval: 'MONTH' },
    ];
    for (const vars of bad) expect((await volume(vars)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await volume(base, ws.keys.ingest)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows another workspace none of these items', async () => {
    const other = await app.workspace();
    const res = await volume({ from: '2026-03-01T00:00:00Z', to: '2026-12-01T00:00:00Z', interval: 'MONTH', groupBy: 'KIND' }, other.keys.read);
    expect(res.data!.feedbackVolume.total).toBe(0);
  });
});
