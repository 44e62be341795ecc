import { DataSource } from 'typeorm';
import {
  ARTICLE_FLAG_THRESHOLDS as T,
  ArticleEffectiveness,
  ArticleEffectivenessFilter,
  ArticleEffectivenessFlag,
  ArticleEffectivenessOrder,
  ArticleEffectivenessOrderField,
} from './article-effectiveness.types';
import { articleEffectivenessSql } from './article-effectiveness.sql';
import { checkRangeAndWindow } from './help-event-sql';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';
import { Connection, decodeCursor, encodeCursor, pageSize } from '../../core/graphql/connection';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { SortDirection } from '../../core/graphql/sort-direction';

/** Arguments of `articleEffectiveness` after GraphQL defaults. */
export interface ArticleEffectivenessArgs {
  from: Date;
  to: Date;
  resolutionWindowMinutes: number;
  filter?: ArticleEffectivenessFilter | null;
  orderBy?: ArticleEffectivenessOrder | null;
  first?: number | null;
  after?: string | null;
}

interface Row {
  total_count: number;
  article_id: string | null;
  rn: number;
  views: number;
  unique_viewers: number;
  contacted_views: number;
  helpful_votes: number;
  unhelpful_votes: number;
  impressions: number;
  clicks: number;
  helpfulness: number | null;
  helpfulness_lower_bound: number | null;
  article_click_through_rate: number | null;
  contact_after_view_rate: number | null;
  deflection_rate: number | null;
  days_since_update: number;
}

/** Deepest offset a cursor may carry. */
const MAX_OFFSET = 1_000_000;

/**
 * Computes per-article effectiveness (views, votes, helpfulness and its Wilson bound, impressions, clicks,
 * contact-after-view and deflection rates, staleness, flags) over `[from, to)`, as a Relay connection sorted by any
 * figure with nulls last. The page and its total come from one SQL statement; cursors are positions in the order,
 * bound to the order they were issued for.
 */
export class ArticleEffectivenessService {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the caller's workspace's articles; BAD_USER_INPUT on a bad range, window, page size or cursor. */
  async list(ctx: RequestContext, args: ArticleEffectivenessArgs): Promise<Connection<ArticleEffectiveness>> {
    const workspaceId = workspaceOf(ctx);
    checkRangeAndWindow(args);
    const size = pageSize(args.first);
    const field = args.orderBy?.field ?? ArticleEffectivenessOrderField.VIEWS;
    const direction = args.orderBy?.direction ?? SortDirection.DESC;
    const offset = args.after ? readCursor(args.after, field, direction) : 0;
    const f = args.filter ?? {};
    const rows = await queryRows<Row>(this.dataSource, articleEffectivenessSql(field, direction), [
      workspaceId,
      args.from.toISOString(),
      args.to.toISOString(),
      args.resolutionWindowMinutes,
      null,
      f.channel?.trim().toLowerCase() || null,
      f.locale?.trim() || null,
      f.featureId ?? null,
      offset,
      size + 1,
    ]);
    const listed = rows.filter((r) => r.article_id !== null);
    const edges = listed.slice(0, size).map((r) => ({
      cursor: encodeCursor(`${field}:${direction}:${r.rn}`, r.article_id!),
      node: toNode(r),
    }));
    return {
      edges,
      totalCount: rows[0]?.total_count ?? 0,
      pageInfo: {
        hasNextPage: listed.length > size,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

/** The offset encoded by a cursor of this list and order; BAD_USER_INPUT otherwise. */
function readCursor(after: string, field: string, direction: string): number {
  const [value] = decodeCursor(after);
  const m = typeof value === 'string' ? /^([A-Z_]+):(ASC|DESC):(\d{1,7})$/.exec(value) : null;
  if (!m || Number(m[3]) > MAX_OFFSET) {
    throw new BadInputError('after is not a cursor returned by articleEffectiveness', 'after');
  }
  if (m[1] !== field || m[2] !== direction) {
    throw new BadInputError('after was issued for another orderBy: restart without after', 'after');
  }
  return Number(m[3]);
}

function toNode(r: Row): ArticleEffectiveness {
  const node: ArticleEffectiveness = {
    articleId: r.article_id!,
    views: r.views,
    uniqueViewers: r.unique_viewers,
    helpfulVotes: r.helpful_votes,
    unhelpfulVotes: r.unhelpful_votes,
    helpfulness: r.helpfulness,
    helpfulnessLowerBound: r.helpfulness_lower_bound,
    impressions: r.impressions,
    clicks: r.clicks,
    articleClickThroughRate: r.article_click_through_rate,
    contactedViews: r.contacted_views,
    contactAfterViewRate: r.contact_after_view_rate,
    deflectionRate: r.deflection_rate,
    daysSinceUpdate: r.days_since_update,
    flags: [],
  };
  node.flags = flagsOf(node);
  return node;
}

/** The attention flags of a row (thresholds in {@link ARTICLE_FLAG_THRESHOLDS}). */
export function flagsOf(n: Omit<ArticleEffectiveness, 'flags' | 'articleId'>): ArticleEffectivenessFlag[] {
  const flags: ArticleEffectivenessFlag[] = [];
  const votes = n.helpfulVotes + n.unhelpfulVotes;
  if (votes >= T.lowHelpfulnessMinVotes && (n.helpfulnessLowerBound ?? 1) < T.lowHelpfulnessBound) {
    flags.push(ArticleEffectivenessFlag.LOW_HELPFULNESS);
  }
  if (n.views >= T.highContactMinViews && (n.contactAfterViewRate ?? 0) >= T.highContactRate) {
    flags.push(ArticleEffectivenessFlag.HIGH_CONTACT_RATE);
  }
  if (n.views >= T.staleMinViews && n.daysSinceUpdate >= T.staleDays) {
    flags.push(ArticleEffectivenessFlag.STALE_BUT_VIEWED);
  }
  return flags;
}
