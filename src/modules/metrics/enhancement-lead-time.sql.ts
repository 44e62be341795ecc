/**
 * SQL of the enhancement lead-time report, one statement. Parameters: $1 workspace, $2 from, $3 to (half-open),
 * $4 feature or null.
 *
 * `shipped` holds the enhancements currently SHIPPED whose last move into SHIPPED is in [from, to), with
 * lead = shippedAt - LEAST(createdAt, earliest linked feedback occurredAt) and cycle = shippedAt - the first move
 * into IN_PROGRESS after the previous SHIPPED entry (the current shipping cycle; history order is by entry id,
 * which follows `at` because `at` never goes back). Durations are float seconds.
 *
 * The shipped set is computed once (MATERIALIZED) from one grouped pass over the SHIPPED and IN_PROGRESS entries
 * of the scope's SHIPPED enhancements, rather than by per-row subqueries: a running count of earlier SHIPPED entries
 * (window function) marks the current cycle, shippedAt is the `at` of the last SHIPPED entry, and the cycle start
 * is the earliest IN_PROGRESS entry with exactly one SHIPPED entry fewer before it than the enhancement has (after
 * the previous SHIPPED entry, before the last). The earliest feedback is min(occurred_at) grouped by enhancement
 * over the links of the shipped set.
 *
 * Rows are tagged by `kind`: 'shipped' rows carry the lead and cycle stats overall (is_total = true) then per
 * feature (most shipped first); the single 'open' row carries the open-age stats (enhancements created before `to`,
 * currently not SHIPPED or DECLINED) and the demand counts.
 */
const stats = (x: string, p: string) => `
  count(${x})::int AS ${p}_count, avg(${x})::float8 AS ${p}_mean,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${x}) AS ${p}_p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${x}) AS ${p}_p90`;

const nulls = (p: string) => `
  NULL::int AS ${p}_count, NULL::float8 AS ${p}_mean, NULL::float8 AS ${p}_p50, NULL::float8 AS ${p}_p90`;

export const LEAD_TIME_REPORT_SQL = `
WITH history AS (
  SELECT e.id, e.feature_id, e.created_at, h.id AS entry_id, h.at, h.to_status,
    count(*) FILTER (WHERE h.to_status = 'SHIPPED') OVER (
      PARTITION BY e.id ORDER BY h.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ships_before,
    count(*) FILTER (WHERE h.to_status = 'SHIPPED') OVER (
      PARTITION BY e.id ORDER BY h.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ships
  FROM enhancements e
  JOIN enhancement_status_changes h ON h.enhancement_id = e.id AND h.to_status IN ('SHIPPED', 'IN_PROGRESS')
  WHERE e.workspace_id = $1 AND e.status = 'SHIPPED' AND ($4::uuid IS NULL OR e.feature_id = $4::uuid)
),
per_enhancement AS (
  SELECT id, feature_id, created_at,
    (array_agg(at ORDER BY entry_id DESC) FILTER (WHERE to_status = 'SHIPPED'))[1] AS shipped_at,
    min(at) FILTER (WHERE to_status = 'IN_PROGRESS' AND ships_before = ships - 1) AS cycle_start
  FROM history
  GROUP BY id, feature_id, created_at
),
shipped AS MATERIALIZED (
  SELECT id, feature_id, created_at, shipped_at, cycle_start
  FROM per_enhancement
  WHERE shipped_at >= $2::timestamptz AND shipped_at < $3::timestamptz
),
first_feedback AS (
  SELECT l.enhancement_id AS id, min(f.occurred_at) AS at
  FROM enhancement_feedback l
  JOIN feedback f ON f.id = l.feedback_id
  WHERE l.enhancement_id IN (SELECT id FROM shipped)
  GROUP BY l.enhancement_id
),
durations AS (
  SELECT sh.feature_id,
    extract(epoch FROM sh.shipped_at - LEAST(sh.created_at, ff.at))::float8 AS lead,
    extract(epoch FROM sh.shipped_at - sh.cycle_start)::float8 AS cycle
  FROM shipped sh
  LEFT JOIN first_feedback ff ON ff.id = sh.id
),
open AS MATERIALIZED (
  SELECT e.id, extract(epoch FROM $3::timestamptz - e.created_at)::float8 AS age
  FROM enhancements e
  WHERE e.workspace_id = $1 AND ($4::uuid IS NULL OR e.feature_id = $4::uuid)
    AND e.status IN ('OPEN', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS') AND e.created_at < $3::timestamptz
),
demand AS (
  SELECT count(DISTINCT l.feedback_id) FILTER (WHERE k.delivered)::int AS delivered,
    count(DISTINCT l.feedback_id)::int AS demand
  FROM enhancement_feedback l
  JOIN (SELECT id, true AS delivered FROM shipped UNION ALL SELECT id, false FROM open) k ON k.id = l.enhancement_id
),
report AS (
  SELECT 'shipped' AS kind, GROUPING(feature_id) = 1 AS is_total, feature_id,
    ${stats('lead', 'lead')}, ${stats('cycle', 'cycle')}, ${nulls('age')},
    NULL::int AS delivered, NULL::int AS demand
  FROM durations
  GROUP BY GROUPING SETS ((), (feature_id))
  UNION ALL
  SELECT 'open', NULL, NULL, ${nulls('lead')}, ${nulls('cycle')}, ${stats('age', 'age')},
    (SELECT delivered FROM demand), (SELECT demand FROM demand)
  FROM open
)
SELECT * FROM report
ORDER BY kind = 'open', is_total DESC, lead_count DESC, feature_id NULLS LAST`;
