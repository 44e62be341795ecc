import { DataSource } from 'typeorm';
import {
  FeedbackVolume,
  FeedbackVolumeArgs,
  FeedbackVolumeBucket,
  FeedbackVolumeGroup,
} from './feedback-volume.types';
import { volumeSeriesSql, volumeTotalsSql } from './feedback-volume.sql';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';
import { checkBucketCount, TimeZoneChecker } from './metric-period';
import { checkPeriod } from '../../core/validation/period';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Most buckets one request may return. */
export const MAX_VOLUME_BUCKETS = 2000;
/** Longest range one request may cover, in years. */
export const MAX_VOLUME_YEARS = 5;

interface SeriesRow {
  local_start: string;
  start_at: Date;
  end_at: Date;
  key: string | null;
  label: string | null;
  n: number;
}

interface TotalRow {
  key: string | null;
  label: string;
  n: number;
}

/**
 * Computes feedback volume: counts per local time bucket and group over [from, to), every bucket present, and the
 * previous period of equal length for comparison. Counting happens in SQL; this class checks arguments and shapes
 * the rows.
 */
export class FeedbackVolumeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zones: TimeZoneChecker,
  ) {}

  /** The volume of the caller's workspace; BAD_USER_INPUT on a bad range, zone or too many buckets. */
  async volume(ctx: RequestContext, args: FeedbackVolumeArgs): Promise<FeedbackVolume> {
    const workspaceId = workspaceOf(ctx);
    await this.checkArgs(args);
    const previousFrom = new Date(2 * args.from.getTime() - args.to.getTime());
    const f = args.filter ?? {};
    const filters = [f.kind ?? null, f.featureId ?? null, f.milestoneId ?? null, f.source?.trim().toLowerCase() || null];
    const series = await queryRows<SeriesRow>(this.dataSource, volumeSeriesSql(args.groupBy), [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      args.timeZone,
      args.interval,
      ...filters,
    ]);
    const previous = await queryRows<TotalRow>(this.dataSource, volumeTotalsSql(args.groupBy), [
      workspaceId,
      previousFrom.toISOString(),
      args.from.toISOString(),
      ...filters,
    ]);
    const groups = mergeGroups(series, previous);
    const current = groups.filter((g) => g.count > 0);
    return {
      from: args.from,
      to: args.to,
      previousFrom,
      timeZone: args.timeZone,
      interval: args.interval,
      groupBy: args.groupBy,
      buckets: toBuckets(series, current),
      total: sum(groups.map((g) => g.count)),
      previousTotal: sum(groups.map((g) => g.previousCount)),
      groups,
    };
  }

  private async checkArgs(args: FeedbackVolumeArgs): Promise<void> {
    // The previous period of equal length sits right before `from`.
    checkPeriod(args.from, args.to, args.to.getTime() - args.from.getTime());
    const limit = new Date(args.from);
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_VOLUME_YEARS);
    if (args.to > limit) throw new BadInputError(`the range must not exceed ${MAX_VOLUME_YEARS} years`, 'to');
    checkBucketCount(args.from, args.to, args.interval, MAX_VOLUME_BUCKETS - 1);
    await this.zones.check(args.timeZone);
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Totals per group over both periods, largest current count first (then previous count, then label). */
function mergeGroups(series: SeriesRow[], previous: TotalRow[]): FeedbackVolumeGroup[] {
  const byKey = new Map<string | null, FeedbackVolumeGroup>();
  const entry = (key: string | null, label: string) => {
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { key, label, count: 0, previousCount: 0 }));
    return g;
  };
  for (const r of series) if (r.n > 0) entry(r.key, r.label!).count += r.n;
  for (const r of previous) entry(r.key, r.label).previousCount += r.n;
  return [...byKey.values()].sort(
    (a, b) => b.count - a.count || b.previousCount - a.previousCount || a.label.localeCompare(b.label),
  );
}

/** One bucket per local start, listing every group of the range (zero where absent). */
function toBuckets(series: SeriesRow[], groups: FeedbackVolumeGroup[]): FeedbackVolumeBucket[] {
  const buckets = new Map<string, { row: SeriesRow; counts: Map<string | null, number> }>();
  for (const r of series) {
    let b = buckets.get(r.local_start);
    if (!b) buckets.set(r.local_start, (b = { row: r, counts: new Map() }));
    if (r.n > 0) b.counts.set(r.key, r.n);
  }
  return [...buckets.values()].map(({ row, counts }) => {
    const start = new Date(row.start_at);
    return {
      start,
      end: new Date(row.end_at),
      localStart: withOffset(row.local_start, start),
      groups: groups.map((g) => ({ key: g.key, label: g.label, count: counts.get(g.key) ?? 0 })),
      total: sum([...counts.values()]),
    };
  });
}

/** `2026-03-08T00:00:00` at instant 05:00Z becomes `2026-03-08T00:00:00-05:00`. */
export function withOffset(local: string, instant: Date): string {
  const minutes = Math.round((Date.parse(`${local}Z`) - instant.getTime()) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
