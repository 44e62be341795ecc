/*
 * SQL of the feedback quality metric, one statement. Parameters: $1 workspace, $2 from, $3 to (half-open), then the
 * filters $4 kind, $5 feature id, $6 milestone id, $7 source (null = any), $8 the actionable threshold and $9 the
 * documented signal names (text[]).
 */

/** The measured items: the workspace's feedback that occurred in [$2, $3) and passes the filters. */
const ITEMS_CTE = `
items AS MATERIALIZED (
  SELECT f.feature_id, f.quality_score AS score, f.quality_signals AS signals
    FROM feedback f
   WHERE f.workspace_id = $1 AND f.occurred_at >= $2::timestamptz AND f.occurred_at < $3::timestamptz
     AND ($4::text IS NULL OR f.kind::text = $4)
     AND ($5::uuid IS NULL OR f.feature_id = $5)
     AND ($6::uuid IS NULL OR f.milestone_id = $6)
     AND ($7::text IS NULL OR f.source = $7)
)`;

/** A SQL string literal of `name`. */
const literal = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * One statement, one scan of the items: a total row (is_total, present even when nothing matches) then one row per
 * feature (items without a feature last), each with count, mean, median and items scoring >= $8 (actionable). The
 * total row also carries `bars` (ten histogram counts, lower bounds 0, 10, ... 90; a score of 100 falls in the last),
 * `signal_counts` (items where each of `signalNames` is present, stored as true, in that order; the same names as
 * $9) and `other_signals` (JSON `[{ name, n }]` for any other name found in the stored signals, alphabetically).
 */
export function qualitySql(signalNames: readonly string[]): string {
  const bars = Array.from({ length: 10 }, (_, i) => `count(*) FILTER (WHERE LEAST(GREATEST(score, 0) / 10, 9) = ${i})`);
  const signals = signalNames.map((n) => `count(*) FILTER (WHERE signals -> ${literal(n)} = 'true'::jsonb)`);
  return `
WITH ${ITEMS_CTE},
stats AS (
  SELECT GROUPING(feature_id) = 1 AS is_total, feature_id,
         count(*)::int AS n,
         avg(score)::float8 AS mean,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS p50,
         (count(*) FILTER (WHERE score >= $8::int))::int AS actionable
    FROM (SELECT feature_id, score FROM items) i
   GROUP BY GROUPING SETS ((), (feature_id))
),
totals AS (
  SELECT ARRAY[${bars.join(', ')}]::int[] AS bars,
         ARRAY[${signals.join(', ')}]::int[] AS signal_counts
    FROM items
),
-- names beyond the documented ones: only items storing such a name contribute rows
other AS (
  SELECT s.key AS name, (count(*) FILTER (WHERE s.value = 'true'::jsonb))::int AS n
    FROM (SELECT signals - $9::text[] AS rest FROM items) i CROSS JOIN LATERAL jsonb_each(i.rest) AS s
   WHERE i.rest <> '{}'::jsonb
   GROUP BY s.key
)
SELECT st.is_total, st.feature_id, st.n, st.mean, st.p50, st.actionable,
       CASE WHEN st.is_total THEN t.bars END AS bars,
       CASE WHEN st.is_total THEN t.signal_counts END AS signal_counts,
       CASE WHEN st.is_total THEN (
         SELECT coalesce(json_agg(json_build_object('name', o.name, 'n', o.n) ORDER BY o.name), '[]'::json) FROM other o
       ) END AS other_signals
  FROM stats st CROSS JOIN totals t
 ORDER BY st.is_total DESC, st.feature_id IS NULL, st.n DESC, st.feature_id`;
}
