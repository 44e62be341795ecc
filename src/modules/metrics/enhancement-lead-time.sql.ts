/**
 * SQL of the enhancement lead-time report. Parameters: $1 workspace, $2 from, $3 to (half-open), $4 feature or null.
 *
 * `shipped` holds the enhancements currently SHIPPED whose last move into SHIPPED is in [from, to), with
 * lead = shippedAt - LEAST(createdAt, earliest linked feedback occurredAt) and cycle = shippedAt - the first move
 * into IN_PROGRESS after the previous SHIPPED entry (the current shipping cycle; history order is by entry id,
 * which follows `at` because `at` never goes back). Durations are float seconds.
 */
const SHIPPED_CTE = `
scope AS (
  SELECT e.id, e.feature_id, e.created_at, e.status
  FROM enhancements e
  WHERE e.workspace_id = $1 AND ($4::uuid IS NULL OR e.feature_id = $4::uuid)
),
last_ship AS (
  SELECT s.id, s.feature_id, s.created_at, h.id AS ship_id, h.at AS shipped_at
  FROM scope s
  JOIN LATERAL (
    SELECT h.id, h.at FROM enhancement_status_changes h
    WHERE h.enhancement_id = s.id AND h.to_status = 'SHIPPED'
    ORDER BY h.id DESC LIMIT 1
  ) h ON true
  WHERE s.status = 'SHIPPED' AND h.at >= $2::timestamptz AND h.at < $3::timestamptz
),
shipped AS (
  SELECT ls.id, ls.feature_id,
    extract(epoch FROM ls.shipped_at - LEAST(ls.created_at, (
      SELECT min(f.occurred_at) FROM enhancement_feedback l JOIN feedback f ON f.id = l.feedback_id
      WHERE l.enhancement_id = ls.id
    )))::float8 AS lead,
    extract(epoch FROM ls.shipped_at - (
      SELECT min(h.at) FROM enhancement_status_changes h
      WHERE h.enhancement_id = ls.id AND h.to_status = 'IN_PROGRESS' AND h.id < ls.ship_id
        AND h.id > COALESCE((
          SELECT max(p.id) FROM enhancement_status_changes p
          WHERE p.enhancement_id = ls.id AND p.to_status = 'SHIPPED' AND p.id < ls.ship_id
        ), 0)
    ))::float8 AS cycle
  FROM last_ship ls
)`;

const stats = (x: string, p: string) => `
  count(${x})::int AS ${p}_count, avg(${x})::float8 AS ${p}_mean,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x}) AS ${p}_p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${x}) AS ${p}_p90`;

/** Lead and cycle stats overall (is_total = true) and per feature, one row each. */
export const SHIPPED_STATS_SQL = `
WITH ${SHIPPED_CTE}
SELECT GROUPING(feature_id) = 1 AS is_total, feature_id, ${stats('lead', 'lead')}, ${stats('cycle', 'cycle')}
FROM shipped
GROUP BY GROUPING SETS ((), (feature_id))
ORDER BY is_total DESC, lead_count DESC, feature_id NULLS LAST`;

/** Open-age stats (enhancements created before `to`, currently not SHIPPED or DECLINED) and the demand counts. */
export const OPEN_AND_DEMAND_SQL = `
WITH ${SHIPPED_CTE},
open AS (
  SELECT s.id, extract(epoch FROM $3::timestamptz - s.created_at)::float8 AS age
  FROM scope s
  WHERE s.status IN ('OPEN', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS') AND s.created_at < $3::timestamptz
)
SELECT ${stats('age', 'age')},
  (SELECT count(DISTINCT l.feedback_id)::int FROM enhancement_feedback l
    WHERE l.enhancement_id IN (SELECT id FROM shipped)) AS delivered,
  (SELECT count(DISTINCT l.feedback_id)::int FROM enhancement_feedback l
    WHERE l.enhancement_id IN (SELECT id FROM shipped UNION ALL SELECT id FROM open)) AS demand
FROM open`;
