import { DataSource } from 'typeorm';
import {
  HelpSearchBucket,
  HelpSearchFigures,
  HelpSearchMetrics,
  HelpSearchMetricsFilter,
  HelpSearchQueryStat,
} from './help-search-metrics.types';
import { HELP_SEARCH_SQL } from './help-search-metrics.sql';
import { queryRows } from '../../core/db/query-rows';
import { checkRangeAndWindow } from './help-event-sql';
import { checkBucketCount, MetricInterval, TimeZoneChecker } from './metric-period';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Arguments of `helpSearchMetrics` after GraphQL defaults. */
export interface HelpSearchMetricsArgs {
  from: Date;
  to: Date;
  timeZone: string;
  interval: MetricInterval;
  resolutionWindowMinutes: number;
  filter?: HelpSearchMetricsFilter | null;
}

/** Most buckets one request may ask for. */
export const MAX_BUCKETS = 1000;

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
  /** On the total row only. */
  top_queries: QueryRow[] | null;
  top_failed_queries: QueryRow[] | null;
}

interface QueryRow {
  query: string;
  count: number;
  no_result_count: number;
  clicked_count: number;
}

/**
 * Computes the help-search metrics of DESIGN.md (searches after as-you-type collapsing, no-result, click-through,
 * success and self-service resolution rates, a bucketed series and the top queries) in one SQL statement.
 */
export class HelpSearchMetricsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zones: TimeZoneChecker,
  ) {}

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
    const figures = await queryRows<FigureRow>(this.dataSource, HELP_SEARCH_SQL, [
      ...params,
      args.timeZone,
      args.interval,
    ]);
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
      topQueries: (total.top_queries ?? []).map(toQueryStat),
      topFailedQueries: (total.top_failed_queries ?? []).map(toQueryStat),
    };
  }

  private async checkArgs(args: HelpSearchMetricsArgs): Promise<void> {
    checkRangeAndWindow(args);
    checkBucketCount(args.from, args.to, args.interval, MAX_BUCKETS);
    await this.zones.check(args.timeZone);
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
