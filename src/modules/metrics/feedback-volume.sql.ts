import { FeedbackVolumeGroupBy } from './feedback-volume.types';

/*
 * SQL of the feedback volume metric. Series parameters: $1 workspace, $2 from, $3 to (half-open), $4 time zone,
 * $5 unit (`day`, `week`, `month`), then the filters $6 kind, $7 feature id, $8 milestone id, $9 source (null = any).
 */

/** Group key and label expressions per grouping, with the join they need. */
const GROUPING: Record<FeedbackVolumeGroupBy, { key: string; label: string; join: string }> = {
  KIND: { key: 'f.kind::text', label: 'f.kind::text', join: '' },
  SOURCE: { key: 'f.source', label: 'f.source', join: '' },
  FEATURE: {
    key: 'f.feature_id::text',
    label: "COALESCE(g.name, '(no feature)')",
    join: 'LEFT JOIN features g ON g.id = f.feature_id AND g.workspace_id = f.workspace_id',
  },
  MILESTONE: {
    key: 'f.milestone_id::text',
    label: "COALESCE(g.name, '(no milestone)')",
    join: 'LEFT JOIN milestones g ON g.id = f.milestone_id AND g.workspace_id = f.workspace_id',
  },
};

/** The filter conditions, with kind, feature, milestone and source at parameters $n..$n+3. */
function filters(n: number): string {
  return `
     AND ($${n}::text IS NULL OR f.kind::text = $${n})
     AND ($${n + 1}::uuid IS NULL OR f.feature_id = $${n + 1})
     AND ($${n + 2}::uuid IS NULL OR f.milestone_id = $${n + 2})
     AND ($${n + 3}::text IS NULL OR f.source = $${n + 3})`;
}

/**
 * Every local bucket of [$2, $3) (the first may start before $2: it is the bucket holding $2) with the count of each
 * group in it; an empty bucket yields one row with a null group. Local bucket starts are wall-clock timestamps in
 * $4, turned back into instants with AT TIME ZONE, so a local day lasts 23 or 25 hours across a DST change.
 */
export function volumeSeriesSql(groupBy: FeedbackVolumeGroupBy): string {
  const g = GROUPING[groupBy];
  return `
WITH buckets AS (
  SELECT gs AS local_start
    FROM generate_series(
           date_trunc($5::text, $2::timestamptz AT TIME ZONE $4::text),
           date_trunc($5::text, ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $4::text),
           ('1 ' || $5::text)::interval) AS gs
),
counts AS (
  SELECT date_trunc($5::text, f.occurred_at AT TIME ZONE $4::text) AS local_start,
         ${g.key} AS key, ${g.label} AS label, count(*)::int AS n
    FROM feedback f ${g.join}
   WHERE f.workspace_id = $1 AND f.occurred_at >= $2::timestamptz AND f.occurred_at < $3::timestamptz ${filters(6)}
   GROUP BY 1, 2, 3
)
SELECT to_char(b.local_start, 'YYYY-MM-DD"T"HH24:MI:SS') AS local_start,
       (b.local_start AT TIME ZONE $4::text) AS start_at,
       ((b.local_start + ('1 ' || $5::text)::interval) AT TIME ZONE $4::text) AS end_at,
       c.key, c.label, COALESCE(c.n, 0) AS n
  FROM buckets b
  LEFT JOIN counts c ON c.local_start = b.local_start
 ORDER BY b.local_start, c.key`;
}

/** Counts per group over [$2, $3) (the previous period); the filters are $4..$7 here. */
export function volumeTotalsSql(groupBy: FeedbackVolumeGroupBy): string {
  const g = GROUPING[groupBy];
  return `
SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS n
  FROM feedback f ${g.join}
 WHERE f.workspace_id = $1 AND f.occurred_at >= $2::timestamptz AND f.occurred_at < $3::timestamptz
   ${filters(4)}
 GROUP BY 1, 2`;
}
