import { registerEnumType } from 'type-graphql';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';

/** Width of a metric time bucket, in the requested time zone. The values are PostgreSQL `date_trunc` units. */
export enum MetricInterval {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(MetricInterval, {
  name: 'MetricInterval',
  description: 'Bucket width: local days (23 or 25 hours across DST), ISO weeks from Monday 00:00 local, calendar months.',
});

const HOUR = 3_600_000;
/** Shortest possible bucket per interval (a DST day lasts 23 h), to bound the bucket count before querying. */
const MIN_BUCKET_MS: Record<MetricInterval, number> = {
  [MetricInterval.DAY]: 23 * HOUR,
  [MetricInterval.WEEK]: 7 * 24 * HOUR - HOUR,
  [MetricInterval.MONTH]: 28 * 24 * HOUR - HOUR,
};

/** BAD_USER_INPUT when [from, to) could hold more than `max` buckets of `interval`. */
export function checkBucketCount(from: Date, to: Date, interval: MetricInterval, max: number): void {
  if ((to.getTime() - from.getTime()) / MIN_BUCKET_MS[interval] > max) {
    throw new BadInputError(`the range holds more than ${max} buckets: use a wider interval`, 'interval');
  }
}

/**
 * Checks time zone names against PostgreSQL's own list (`pg_timezone_names`), which is what the bucketing SQL uses.
 * Known names are cached: the list only changes with a PostgreSQL upgrade.
 */
export class TimeZoneChecker {
  private readonly known = new Set<string>(['UTC']);

  constructor(private readonly dataSource: DataSource) {}

  /** BAD_USER_INPUT unless `zone` is an IANA zone name PostgreSQL knows. */
  async check(zone: string): Promise<void> {
    if (this.known.has(zone)) return;
    const plausible = typeof zone === 'string' && zone.length > 0 && zone.length <= 100;
    const rows = plausible ? await queryRows(this.dataSource, 'SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]) : [];
    if (rows.length === 0) {
      throw new BadInputError(
        `timeZone "${String(zone).slice(0, 100)}" is not an IANA time zone name (e.g. Europe/Paris)`,
        'timeZone',
      );
    }
    this.known.add(zone);
  }
}
