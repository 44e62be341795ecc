import { DataSource } from 'typeorm';
import {
  HelpSearchBucket,
  HelpSearchFigures,
  HelpSearchInterval,
  HelpSearchMetrics,
  HelpSearchMetricsFilter,
  HelpSearchQueryStat,
} from './help-search-metrics.types';
import { HELP_SEARCH_FIGURES_SQL, HELP_SEARCH_TOP_QUERIES_SQL } from './help-search-metrics.sql';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Arguments of `helpSearchMetrics` after GraphQL defaults. */
export interface HelpSearchMetricsArgs {
  from: Date;
  to: Date;
  timeZone: string;
  interval: HelpSearchInterval;
  resolutionWindowMinutes: number;
  filter?: HelpSearchMetricsFilter | null;
}

/** Longest resolution window accepted (one week). */
export const MAX_RESOLUTION_WINDOW_MINUTES = 7 * 24 * 60;
/** Most buckets one request may ask for. */
export const MAX_BUCKETS = 1000;

/** Shortest possible length of a bucket, to bound the bucket count before running SQL. */
const MIN_BUCKET_MS: Record<HelpSearchInterval, number> = {
  [HelpSearchInterval.DAY]: 23 * 3_600_000,
  [HelpSearchInterval.WEEK]: (7 * 24 - 1) * 3_600_000,
  [HelpSearchInterval.MONTH]: (28 * 24 - 1) * 3_600_000,
};

interface FigureRow {
  is_total: boolean;
  start_at: Date | null;
  end_at: Date | null;
  searches: number;
  no_result_searches: number;
  clicked_searches: number;
  clicks: number;
  successful_searches: number;
  help_sessions: number;
  resolved_help_sessions: number;
  no_result_rate: number | null;
  click_through_rate: number | null;
  clicks_per_search: number | null;
  no_click_rate: number | null;
  average_click_position: number | null;
  search_success_rate: number | null;
  self_service_resolution_rate: number | null;
}

interface QueryRow {
  list: 'top' | 'failed';
  query: string;
  count: number;
  no_result_count: number;
  clicked_count: number;
}

/**
 * Computes the help-search metrics of DESIGN.md (searches after as-you-type collapsing, no-result, click-through,
 * success and self-service resolution rates, a bucketed series and the top queries) in two SQL statements.
 */
export class HelpSearchMetricsService {
  /** Zones already confirmed by `pg_timezone_names` (the list only changes with a PostgreSQL upgrade). */
  private readonly knownZones = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  /** The metrics of the caller's workspace over `[from, to)`; BAD_USER_INPUT on an unknown zone or empty range. */
  async metrics(ctx: RequestContext, args: HelpSearchMetricsArgs): Promise<HelpSearchMetrics> {
    const workspaceId = workspaceOf(ctx);
    await this.checkArgs(args);
    const params = [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      args.resolutionWindowMinutes,
      args.filter?.locale?.trim() || null,
      args.filter?.channel?.trim().toLowerCase() || null,
    ];
    const figures = await queryRows<FigureRow>(this.dataSource, HELP_SEARCH_FIGURES_SQL, [
      ...params,
      args.timeZone,
      args.interval,
    ]);
    const queries = await queryRows<QueryRow>(this.dataSource, HELP_SEARCH_TOP_QUERIES_SQL, params);
    const total = figures.find((r) => r.is_total)!;
    return {
      from: args.from,
      to: args.to,
      timeZone: args.timeZone,
      interval: args.interval,
      resolutionWindowMinutes: args.resolutionWindowMinutes,
      ...toFigures(total),
      series: figures
        .filter((r) => !r.is_total)
        .map((r): HelpSearchBucket => ({ start: new Date(r.start_at!), end: new Date(r.end_at!), ...toFigures(r) })),
      topQueries: queries.filter((q) => q.list === 'top').map(toQueryStat),
      topFailedQueries: queries.filter((q) => q.list === 'failed').map(toQueryStat),
    };
  }

  private async checkArgs(args: HelpSearchMetricsArgs): Promise<void> {
    const from = args.from.getTime();
    const to = args.to.getTime();
    if (Number.isNaN(from) || Number.isNaN(to)) throw new BadInputError('from and to must be date-times', 'from');
    if (from >= to) throw new BadInputError('from must be before to', 'from');
    const w = args.resolutionWindowMinutes;
    if (!Number.isInteger(w) || w < 0 || w > MAX_RESOLUTION_WINDOW_MINUTES) {
      throw new BadInputError(
        `resolutionWindowMinutes must be between 0 and ${MAX_RESOLUTION_WINDOW_MINUTES}`,
        'resolutionWindowMinutes',
      );
    }
    if ((to - from) / MIN_BUCKET_MS[args.interval] > MAX_BUCKETS) {
      throw new BadInputError(`the range holds more than ${MAX_BUCKETS} buckets: use a wider interval`, 'interval');
    }
    await this.checkZone(args.timeZone);
  }

  private async checkZone(zone: string): Promise<void> {
    if (this.knownZones.has(zone)) return;
    const rows = await queryRows(this.dataSource, 'SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]);
    if (rows.length === 0) {
      throw new BadInputError(`timeZone "${zone}" is not an IANA time zone name (e.g. Europe/Paris)`, 'timeZone');
    }
    this.knownZones.add(zone);
  }
}

function toFigures(r: FigureRow): HelpSearchFigures {
  return {
    searches: r.searches,
    noResultSearches: r.no_result_searches,
    clickedSearches: r.clicked_searches,
    clicks: r.clicks,
    successfulSearches: r.successful_searches,
    helpSessions: r.help_sessions,
    resolvedHelpSessions: r.resolved_help_sessions,
    noResultRate: r.no_result_rate,
    clickThroughRate: r.click_through_rate,
    clicksPerSearch: r.clicks_per_search,
    noClickRate: r.no_click_rate,
    averageClickPosition: r.average_click_position,
    searchSuccessRate: r.search_success_rate,
    selfServiceResolutionRate: r.self_service_resolution_rate,
  };
}

function toQueryStat(q: QueryRow): HelpSearchQueryStat {
  return { query: q.query, count: q.count, noResultCount: q.no_result_count, clickedCount: q.clicked_count };
}
