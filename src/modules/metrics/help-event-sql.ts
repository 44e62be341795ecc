import { BadInputError } from '../../core/errors/errors';
import { checkPeriod } from '../../core/validation/period';

/**
 * SQL fragments over `help_events` shared by the help metrics (help search, article effectiveness, content gaps).
 * They follow one parameter convention: $1 workspace id, $2 from, $3 to (half-open range), $4 resolution window in
 * minutes, $5 search locale filter or null, $6 channel filter or null. Statements add their own parameters from $7.
 */

/** Upper bound of a resolution window starting at `at`: `at + $4 minutes`. */
const WINDOW_END = (at: string) => `${at} + make_interval(mins => $4::int)`;

/** What a statement needs from {@link countedSearchesSql} besides the counted searches' own columns. */
export interface CountedSearchOptions {
  /** Compute `failed` (a support contact fails the search); otherwise `failed` is false. */
  failure?: boolean;
  /** Carry `hit_ids` and `clicked_articles` (the article ids clicked from the search). */
  articles?: boolean;
}

/**
 * CTEs ending in `counted` (MATERIALIZED, so statements reuse it for totals, buckets and rankings): the searches in
 * range (filtered by $5 locale and $6 channel) after as-you-type collapsing, each with `id`, `session_id`,
 * `occurred_at`, `hit_count`, `normalized_query`, its click count `clicks` and position sum `position_sum`, whether a
 * helpful vote carries its searchId (`helpful_vote`) and whether a support contact fails it (`failed`).
 *
 * One pass: the range's SEARCH events (plus the 30 s after `to`, which can supersede the last ones, from any locale
 * or channel) and, with `failure`, the SUPPORT_CONTACTs of [from, to + window] are sorted once by session and time;
 * window frames then see, for each search, the later queries of its session within 30 s (superseding) and whether a
 * contact falls in [occurred_at, occurred_at + window] (failure). Clicks and votes are joined by searchId whenever
 * they happened. With `failure`, the statement must define {@link CONTACTS} first.
 */
export function countedSearchesSql(opts: CountedSearchOptions = {}): string {
  const failure = opts.failure ?? false;
  return `
  timeline AS (
    SELECT s.id, s.session_id, s.occurred_at, true AS is_search, s.hit_count,
      ${opts.articles ? "coalesce(s.hit_ids, '{}') AS hit_ids," : ''}
      coalesce(s.normalized_query, '') AS normalized_query,
      s.occurred_at < $3::timestamptz AND ($5::text IS NULL OR s.locale = $5::text)
        AND ($6::text IS NULL OR s.channel = $6::text) AS measured
    FROM help_events s
    WHERE s.workspace_id = $1 AND s.type = 'SEARCH'
      AND s.occurred_at >= $2::timestamptz AND s.occurred_at < $3::timestamptz + interval '30 seconds'
    ${failure ? `UNION ALL
    SELECT NULL, x.session_id, x.occurred_at, false, NULL, ${opts.articles ? 'NULL, ' : ''}NULL, false
    FROM contacts x` : ''}
  ),
  ranged AS (
    SELECT * FROM (
      SELECT t.*,
        -- queries the same session searched in (occurred_at, occurred_at + 30 s]
        array_agg(t.normalized_query) FILTER (WHERE t.is_search) OVER (
          PARTITION BY t.session_id ORDER BY t.occurred_at
          RANGE BETWEEN CURRENT ROW AND interval '30 seconds' FOLLOWING EXCLUDE GROUP) AS later_queries,
        ${failure ? `coalesce(bool_or(NOT t.is_search) OVER (
          PARTITION BY t.session_id ORDER BY t.occurred_at
          RANGE BETWEEN CURRENT ROW AND make_interval(mins => $4::int) FOLLOWING), false)`
          : '($4::int IS NULL AND false)' /* never true; keeps $4 typed for statements that ignore the window */} AS failed
      FROM timeline t
    ) w
    WHERE w.measured
  ),
  -- every click and vote of the workspace by searchId (an index-only scan of the partial follow-up index, grouped in
  -- its order), hash-joined to the range's searches: cheaper than one probe per search, even for a tenth of the year
  follow_ups AS (
    SELECT f.search_id,
      count(*) FILTER (WHERE f.type = 'SEARCH_CLICK') AS clicks,
      coalesce(sum(f.position) FILTER (WHERE f.type = 'SEARCH_CLICK'), 0) AS position_sum,
      coalesce(bool_or(f.helpful) FILTER (WHERE f.type = 'ARTICLE_VOTE'), false) AS helpful_vote
      ${opts.articles ? `, array_agg(f.article_id) FILTER (WHERE f.type = 'SEARCH_CLICK' AND f.article_id IS NOT NULL)
        AS clicked_articles` : ''}
    FROM help_events f
    WHERE f.workspace_id = $1 AND f.search_id IS NOT NULL AND f.type IN ('SEARCH_CLICK', 'ARTICLE_VOTE')
    GROUP BY f.search_id
  ),
  counted AS MATERIALIZED (
    SELECT r.id, r.session_id, r.occurred_at, r.hit_count, r.normalized_query, r.failed,
      ${opts.articles ? "r.hit_ids, coalesce(k.clicked_articles, '{}') AS clicked_articles," : ''}
      coalesce(k.clicks, 0) AS clicks, coalesce(k.position_sum, 0) AS position_sum,
      coalesce(k.helpful_vote, false) AS helpful_vote
    FROM ranged r
    LEFT JOIN follow_ups k ON k.search_id = r.id
    -- as-you-type collapsing: a search without clicks that the same session extended within 30 s is left out
    WHERE coalesce(k.clicks, 0) > 0 OR NOT EXISTS (
      SELECT 1 FROM unnest(r.later_queries) AS n(q)
      WHERE length(n.q) > length(r.normalized_query) AND starts_with(n.q, r.normalized_query)
    )
  )`;
}

/** CTE `contacts`: the support contacts of [from, to + window], which can fail a search or view of the range. */
export const CONTACTS = `
  contacts AS MATERIALIZED (
    SELECT x.session_id, x.occurred_at
    FROM help_events x
    WHERE x.workspace_id = $1 AND x.type = 'SUPPORT_CONTACT'
      AND x.occurred_at >= $2::timestamptz AND x.occurred_at <= ${WINDOW_END('$3::timestamptz')}
  )`;

/**
 * A boolean SQL expression over a row aliased `alias` (with `occurred_at`) joined to `contact_times` (the session's
 * support-contact instants, from {@link CONTACT_TIMES}): true when one falls in [occurred_at, occurred_at + window].
 */
export function failedByContact(alias: string): string {
  return `EXISTS (SELECT 1 FROM unnest(ct.at) AS t
      WHERE t >= ${alias}.occurred_at AND t <= ${WINDOW_END(`${alias}.occurred_at`)})`;
}

/**
 * CTE `contact_times` (needs {@link CONTACTS}): one row per session with
 * the instants of its support contacts in [from, to + window], to join views on (`ct`).
 */
export const CONTACT_TIMES = `
  contact_times AS (
    SELECT session_id, array_agg(occurred_at) AS at FROM contacts GROUP BY session_id
  )`;

/** Longest resolution window the help metrics accept (one week, as `helpSearchMetrics`). */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/**
 * Checks the range ($2, $3) and resolution window ($4) of a help-metric statement: BAD_USER_INPUT unless
 * from < to and the window is a whole number of minutes in [0, {@link MAX_WINDOW_MINUTES}].
 */
export function checkRangeAndWindow(args: { from: Date; to: Date; resolutionWindowMinutes?: number }): void {
  checkPeriod(args.from, args.to);
  const w = args.resolutionWindowMinutes ?? 0;
  if (!Number.isInteger(w) || w < 0 || w > MAX_WINDOW_MINUTES) {
    throw new BadInputError(`resolutionWindowMinutes must be between 0 and ${MAX_WINDOW_MINUTES}`, 'resolutionWindowMinutes');
  }
}
