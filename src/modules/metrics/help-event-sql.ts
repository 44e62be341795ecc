import { BadInputError } from '../../core/errors/errors';
import { checkPeriod } from '../../core/validation/period';

/**
 * SQL fragments over `help_events` shared by the help metrics (help search, article effectiveness, content gaps).
 * They follow one parameter convention: $1 workspace id, $2 from, $3 to (half-open range), $4 resolution window in
 * minutes, $5 search locale filter or null, $6 channel filter or null. Statements add their own parameters from $7.
 */

/**
 * A boolean SQL expression: true when a SUPPORT_CONTACT of the same session fails the event aliased `alias` (a search
 * or a view with `session_id` and `occurred_at`), i.e. happens in [occurred_at, occurred_at + $4 minutes].
 */
export function failedByContact(alias: string): string {
  return `EXISTS (
        SELECT 1 FROM help_events x
        WHERE x.workspace_id = $1 AND x.type = 'SUPPORT_CONTACT' AND x.session_id = ${alias}.session_id
          AND x.occurred_at >= ${alias}.occurred_at
          AND x.occurred_at <= ${alias}.occurred_at + make_interval(mins => $4::int)
      )`;
}

/**
 * CTEs ending in `counted`: the searches in range (filtered by $5 locale and $6 channel) after as-you-type
 * collapsing, with their hit ids, click count, click position sum, whether a helpful vote carries their searchId
 * (`helpful_vote`) and whether a support contact fails them (`failed`).
 */
export const COUNTED_SEARCHES = `
  ranged AS (
    SELECT s.id, s.session_id, s.occurred_at, s.hit_count, coalesce(s.hit_ids, '{}') AS hit_ids,
      coalesce(s.normalized_query, '') AS normalized_query
    FROM help_events s
    WHERE s.workspace_id = $1 AND s.type = 'SEARCH'
      AND s.occurred_at >= $2::timestamptz AND s.occurred_at < $3::timestamptz
      AND ($5::text IS NULL OR s.locale = $5::text) AND ($6::text IS NULL OR s.channel = $6::text)
  ),
  search_clicks AS (
    SELECT c.search_id, count(*) AS clicks, sum(c.position) AS position_sum
    FROM help_events c
    WHERE c.workspace_id = $1 AND c.type = 'SEARCH_CLICK' AND c.search_id IN (SELECT id FROM ranged)
    GROUP BY c.search_id
  ),
  counted AS (
    SELECT r.*, coalesce(k.clicks, 0) AS clicks, coalesce(k.position_sum, 0) AS position_sum,
      EXISTS (
        SELECT 1 FROM help_events v
        WHERE v.workspace_id = $1 AND v.type = 'ARTICLE_VOTE' AND v.helpful AND v.search_id = r.id
      ) AS helpful_vote,
      ${failedByContact('r')} AS failed
    FROM ranged r
    LEFT JOIN search_clicks k ON k.search_id = r.id
    -- as-you-type collapsing: a search without clicks that the same session extended within 30 s is left out
    WHERE k.search_id IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM help_events n
      WHERE n.workspace_id = $1 AND n.type = 'SEARCH' AND n.session_id = r.session_id
        AND n.occurred_at > r.occurred_at AND n.occurred_at <= r.occurred_at + interval '30 seconds'
        AND length(n.normalized_query) > length(r.normalized_query)
        AND starts_with(n.normalized_query, r.normalized_query)
    )
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
