/*
 * SQL of the ease-of-use metric. Parameters: $1 workspace, $2 from, $3 to (half-open), then the filters
 * $4 feature id, $5 milestone id, $6 source (null = any), and $7 the lowest "easy" score.
 */

/** Lowest and highest Customer Effort Score. */
export const EFFORT_SCORES = [1, 2, 3, 4, 5, 6, 7] as const;

const distribution = EFFORT_SCORES.map((s) => `count(*) FILTER (WHERE score = ${s})`).join(', ');

/**
 * One row per group: `grp` is `total` (always present, even with no responses), `feature` (one per feature id,
 * null for responses without one) or `milestone` (likewise). Each carries the response count, the mean score,
 * the responses scoring >= $7 and the count per score 1..7 as an int array. Features come most responses first,
 * milestones in journey order; the null group comes last in each.
 */
export const EASE_OF_USE_SQL = `
WITH responses AS (
  SELECT f.feature_id, f.milestone_id, f.effort_score AS score
    FROM feedback f
   WHERE f.workspace_id = $1 AND f.occurred_at >= $2::timestamptz AND f.occurred_at < $3::timestamptz
     AND f.kind = 'EASE_OF_USE' AND f.effort_score IS NOT NULL
     AND ($4::uuid IS NULL OR f.feature_id = $4)
     AND ($5::uuid IS NULL OR f.milestone_id = $5)
     AND ($6::text IS NULL OR f.source = $6)
),
grouped AS (
  SELECT CASE WHEN GROUPING(feature_id) = 0 THEN 'feature'
              WHEN GROUPING(milestone_id) = 0 THEN 'milestone'
              ELSE 'total' END AS grp,
         feature_id, milestone_id,
         count(*)::int AS n,
         avg(score)::float8 AS mean,
         (count(*) FILTER (WHERE score >= $7::int))::int AS easy,
         ARRAY[${distribution}]::int[] AS dist
    FROM responses
   GROUP BY GROUPING SETS ((), (feature_id), (milestone_id))
)
SELECT g.grp, g.feature_id, g.milestone_id, g.n, g.mean, g.easy, g.dist
  FROM grouped g
  LEFT JOIN milestones m ON g.grp = 'milestone' AND m.id = g.milestone_id AND m.workspace_id = $1
 ORDER BY CASE g.grp WHEN 'total' THEN 0 WHEN 'feature' THEN 1 ELSE 2 END,
          g.feature_id IS NULL, g.milestone_id IS NULL,
          m.position, CASE WHEN g.grp = 'feature' THEN -g.n END, g.feature_id, g.milestone_id`;
