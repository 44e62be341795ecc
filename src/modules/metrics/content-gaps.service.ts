import { DataSource } from 'typeorm';
import { ContentGap, ContentGapsFilter } from './content-gaps.types';
import { CONTENT_GAPS_SQL } from './content-gaps.sql';
import { checkRangeAndWindow } from './help-event-sql';
import { queryRows } from '../../core/db/query-rows';
import { pageSize } from '../../core/graphql/connection';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Arguments of `contentGaps` after GraphQL defaults. */
export interface ContentGapsArgs {
  from: Date;
  to: Date;
  first?: number | null;
  filter?: ContentGapsFilter | null;
}

interface Row {
  query: string;
  searches: number;
  no_result_searches: number;
  no_click_searches: number;
  last_searched_at: Date;
  closest_article_id: string | null;
  closest_article_score: number | null;
}

/**
 * Finds content gaps: the normalized queries whose counted searches in `[from, to)` failed (no results, or results
 * but no click), most failed first, each with the published article PostgreSQL full-text search finds closest. One
 * SQL statement.
 */
export class ContentGapsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The top `first` (1-100, default 20) gaps of the caller's workspace; BAD_USER_INPUT on a bad range or size. */
  async contentGaps(ctx: RequestContext, args: ContentGapsArgs): Promise<ContentGap[]> {
    const workspaceId = workspaceOf(ctx);
    checkRangeAndWindow(args);
    const size = pageSize(args.first);
    const rows = await queryRows<Row>(this.dataSource, CONTENT_GAPS_SQL, [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      0, // the resolution window plays no part in a gap
      args.filter?.locale?.trim() || null,
      args.filter?.channel?.trim().toLowerCase() || null,
      size,
    ]);
    return rows.map((r) => ({
      query: r.query,
      searches: r.searches,
      noResultSearches: r.no_result_searches,
      noClickSearches: r.no_click_searches,
      lastSearchedAt: new Date(r.last_searched_at),
      closestArticleId: r.closest_article_id,
      closestArticleScore: r.closest_article_score,
    }));
  }
}
