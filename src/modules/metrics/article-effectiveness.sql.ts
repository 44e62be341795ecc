import { ArticleEffectivenessOrderField } from './article-effectiveness.types';
import { CONTACT_TIMES, CONTACTS, countedSearchesSql, failedByContact } from './help-event-sql';
import { SortDirection } from '../../core/graphql/sort-direction';

/**
 * SQL of `articleEffectiveness`. Parameters: $1-$6 as in help-event-sql.ts ($5, the search locale, is always null
 * here: impressions come from searches in any locale), $7 article locale or null, $8 feature id or null, $9 rows to
 * skip, $10 rows to return.
 *
 * Views and votes are measured by their own occurredAt (and channel); impressions and clicks come from the counted
 * searches in range (after as-you-type collapsing), clicks counting whenever they happened, like support contacts.
 */

/** Column of the `metrics` CTE each sort field orders by. */
export const ORDER_COLUMNS: Record<ArticleEffectivenessOrderField, string> = {
  [ArticleEffectivenessOrderField.VIEWS]: 'views',
  [ArticleEffectivenessOrderField.UNIQUE_VIEWERS]: 'unique_viewers',
  [ArticleEffectivenessOrderField.HELPFULNESS]: 'helpfulness',
  [ArticleEffectivenessOrderField.HELPFULNESS_LOWER_BOUND]: 'helpfulness_lower_bound',
  [ArticleEffectivenessOrderField.CONTACT_AFTER_VIEW_RATE]: 'contact_after_view_rate',
  [ArticleEffectivenessOrderField.DEFLECTION_RATE]: 'deflection_rate',
  [ArticleEffectivenessOrderField.CLICK_THROUGH_RATE]: 'article_click_through_rate',
  [ArticleEffectivenessOrderField.IMPRESSIONS]: 'impressions',
  [ArticleEffectivenessOrderField.CLICKS]: 'clicks',
  [ArticleEffectivenessOrderField.DAYS_SINCE_UPDATE]: 'days_since_update',
};

/** Wilson score lower bound (z = 1.96) of `h` successes out of `n`, as SQL; null when n = 0. */
function wilsonLowerBound(h: string, n: string): string {
  const z2 = '(1.96 * 1.96)';
  return `CASE WHEN ${n} > 0 THEN
      (${h}::float8 / ${n} + ${z2} / (2.0 * ${n})
        - 1.96 * sqrt((${h}::float8 / ${n}) * (1 - ${h}::float8 / ${n}) / ${n} + ${z2} / (4.0 * ${n} * ${n})))
      / (1 + ${z2} / ${n})
    END`;
}

/**
 * The page statement for one sort order: one row per listed article in `[$9, $9 + $10)` of the order, each with
 * `total_count`; when the page is empty a single row with `total_count` and a null `article_id`.
 */
export function articleEffectivenessSql(field: ArticleEffectivenessOrderField, direction: SortDirection): string {
  const column = ORDER_COLUMNS[field];
  const dir = direction === SortDirection.ASC ? 'ASC' : 'DESC';
  return `
  WITH ${CONTACTS},
  ${CONTACT_TIMES},
  ${countedSearchesSql({ articles: true })},
  -- one row per (counted search, article) shown on its first page (hit_ids) or clicked from it (so from a later
  -- page): the first occurrence of each id in hit_ids, then the clicked ids that are not hits (first occurrence)
  shown AS (
    SELECT h.article_id, h.article_id = ANY (c.clicked_articles) AS clicked
    FROM counted c CROSS JOIN LATERAL unnest(c.hit_ids) WITH ORDINALITY AS h(article_id, i)
    WHERE array_position(c.hit_ids, h.article_id) = h.i
    UNION ALL
    SELECT k.article_id, true
    FROM counted c CROSS JOIN LATERAL unnest(c.clicked_articles) WITH ORDINALITY AS k(article_id, i)
    WHERE c.clicks > 0 AND NOT (k.article_id = ANY (c.hit_ids)) AND array_position(c.clicked_articles, k.article_id) = k.i
  ),
  impressions AS (
    SELECT article_id, count(*) AS impressions, count(*) FILTER (WHERE clicked) AS clicks
    FROM shown GROUP BY article_id
  ),
  views AS (
    SELECT v.article_id, count(*) AS views, count(DISTINCT v.session_id) AS unique_viewers,
      count(*) FILTER (WHERE ${failedByContact('v')}) AS contacted_views
    FROM help_events v
    LEFT JOIN contact_times ct ON ct.session_id = v.session_id
    WHERE v.workspace_id = $1 AND v.type = 'ARTICLE_VIEW' AND v.article_id IS NOT NULL
      AND v.occurred_at >= $2::timestamptz AND v.occurred_at < $3::timestamptz
      AND ($6::text IS NULL OR v.channel = $6::text)
    GROUP BY v.article_id
  ),
  votes AS (
    SELECT article_id, count(*) FILTER (WHERE helpful) AS helpful, count(*) FILTER (WHERE NOT helpful) AS unhelpful
    FROM help_events
    WHERE workspace_id = $1 AND type = 'ARTICLE_VOTE' AND article_id IS NOT NULL AND helpful IS NOT NULL
      AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz
      AND ($6::text IS NULL OR channel = $6::text)
    GROUP BY article_id
  ),
  counts AS (
    SELECT a.id, a.updated_at,
      coalesce(vw.views, 0) AS views, coalesce(vw.unique_viewers, 0) AS unique_viewers,
      coalesce(vw.contacted_views, 0) AS contacted_views,
      coalesce(vo.helpful, 0) AS helpful_votes, coalesce(vo.unhelpful, 0) AS unhelpful_votes,
      coalesce(im.impressions, 0) AS impressions, coalesce(im.clicks, 0) AS clicks
    FROM articles a
    LEFT JOIN views vw ON vw.article_id = a.id
    LEFT JOIN votes vo ON vo.article_id = a.id
    LEFT JOIN impressions im ON im.article_id = a.id
    WHERE a.workspace_id = $1
      AND ($7::text IS NULL OR a.locale = $7::text) AND ($8::uuid IS NULL OR a.feature_id = $8::uuid)
      -- published articles always; any other (archived, draft, soft-deleted) only with activity in range
      AND ((a.status = 'PUBLISHED' AND a.deleted_at IS NULL)
        OR vw.article_id IS NOT NULL OR vo.article_id IS NOT NULL OR im.article_id IS NOT NULL)
  ),
  metrics AS (
    SELECT c.*,
      helpful_votes::float8 / nullif(helpful_votes + unhelpful_votes, 0) AS helpfulness,
      ${wilsonLowerBound('helpful_votes', '(helpful_votes + unhelpful_votes)')} AS helpfulness_lower_bound,
      clicks::float8 / nullif(impressions, 0) AS article_click_through_rate,
      contacted_views::float8 / nullif(views, 0) AS contact_after_view_rate,
      1 - contacted_views::float8 / nullif(views, 0) AS deflection_rate,
      greatest(0, floor(extract(epoch FROM ($3::timestamptz - updated_at)) / 86400))::int AS days_since_update
    FROM counts c
  ),
  ranked AS (
    SELECT m.*, row_number() OVER (ORDER BY ${column} ${dir} NULLS LAST, id) AS rn FROM metrics m
  )
  SELECT t.total::int AS total_count, p.id AS article_id, p.rn::int AS rn,
    p.views::int AS views, p.unique_viewers::int AS unique_viewers, p.contacted_views::int AS contacted_views,
    p.helpful_votes::int AS helpful_votes, p.unhelpful_votes::int AS unhelpful_votes,
    p.impressions::int AS impressions, p.clicks::int AS clicks, p.helpfulness, p.helpfulness_lower_bound,
    p.article_click_through_rate, p.contact_after_view_rate, p.deflection_rate, p.days_since_update
  FROM (SELECT count(*) AS total FROM ranked) t
  LEFT JOIN LATERAL (SELECT * FROM ranked WHERE rn > $9::int ORDER BY rn LIMIT $10::int) p ON true
  ORDER BY p.rn`;
}
