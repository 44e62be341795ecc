/**
 * Set-based SQL generating a year of help-center sessions: $1 workspace id, $2 range start, $3 range end, $4 sessions.
 * Reads `b_articles` (published articles with their `idx` and query words) from generate-catalog.sql.ts.
 *
 * Per session (about 5.8 events): 1-3 searches (12% for topics with no article), half of them typed as you go with
 * 1-3 shorter prefixes a few seconds earlier (superseded), a click on 55% of searches with hits (position skewed to
 * the top), a view per click and a direct view in 35% of sessions, a vote on 25% of clicked views (70% helpful,
 * carrying the searchId) and a support contact in 10% of sessions, after the searches, inside or outside the
 * 60-minute window. Article popularity is skewed (a cube of a uniform draw).
 */

/** Queries people type for which there is no article (they feed no-result rates and content gaps). */
const MISSING = ['dark mode', 'offline mode', 'gantt chart', 'time tracking', 'jira sync', 'salesforce', 'two factor login', 'audit log', 'custom fields', 'bulk edit'];

/** Average events one generated session produces (measured on the generator; used to size the session count). */
export const EVENTS_PER_SESSION = 5.8;

export const HELP_EVENTS_SQL = [
  `CREATE TEMP TABLE b_sessions AS
   SELECT 'bs-' || g AS session_id,
     $2::timestamptz + ($3::timestamptz - $2::timestamptz - interval '3 hours') * sqrt(random()) AS started_at,
     (ARRAY['portal','portal','portal','portal','in_app','in_app','bot','email'])[1 + floor(random() * 8)::int] AS channel,
     1 + floor(random() * random() * 4.5)::int AS searches,
     random() < 0.10 AS contacts, random() < 0.35 AS direct_view
   FROM generate_series(1, $4::int) g`,
  `CREATE TEMP TABLE b_searches AS
   SELECT gen_random_uuid() AS id, x.session_id, x.channel, x.occurred_at, x.missing, a.id AS article_id,
     CASE WHEN x.missing THEN (ARRAY[${MISSING.map((m) => `'${m}'`).join(',')}])[1 + floor(x.r1 * ${MISSING.length})::int]
          ELSE a.q END AS q,
     CASE WHEN x.missing THEN 0 ELSE 3 + floor(x.r2 * 60)::int END AS hit_count,
     x.r3, x.target, x.clicked, x.prefixes, x.r6
   FROM (
     SELECT s.session_id, s.channel, s.started_at + make_interval(secs => (k - 1) * 120 + 35 + random() * 20) AS occurred_at,
       random() < 0.12 AS missing, 1 + floor(power(random(), 3) * (SELECT count(*) FROM b_articles))::int AS target,
       random() AS r1, random() AS r2, random() AS r3, random() < 0.55 AS clicked,
       CASE WHEN random() < 0.5 THEN 1 + floor(random() * 3)::int ELSE 0 END AS prefixes, random() AS r6
     FROM b_sessions s CROSS JOIN LATERAL generate_series(1, s.searches) k
   ) x
   JOIN b_articles a ON a.idx = x.target`,
  `ALTER TABLE b_searches ADD COLUMN pos int, ADD COLUMN hit_ids uuid[]`,
  // the searched-for article sits at a top-skewed position among 10 shown hits (or fewer when fewer matched)
  `UPDATE b_searches SET pos = 1 + floor(power(r3, 2) * least(hit_count, 10))::int WHERE hit_count > 0`,
  `UPDATE b_searches s SET hit_ids = ARRAY(
     SELECT CASE WHEN j = s.pos THEN s.article_id ELSE a.id END
     FROM generate_series(1, least(s.hit_count, 10)) j
     JOIN b_articles a ON a.idx = 1 + (s.target + j * 7919) % (SELECT count(*) FROM b_articles)
     ORDER BY j)`,
  // final searches
  `INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, received_at, query,
                           normalized_query, hit_count, hit_ids)
   SELECT id, $1, 'SEARCH', session_id, channel, occurred_at, occurred_at, q, q, hit_count, hit_ids FROM b_searches`,
  // as-you-type prefixes, 4 s apart, ending 4 s before the final query (superseded by it)
  `INSERT INTO help_events (workspace_id, type, session_id, channel, occurred_at, received_at, query, normalized_query,
                           hit_count, hit_ids)
   SELECT $1, 'SEARCH', s.session_id, s.channel, s.occurred_at - make_interval(secs => (s.prefixes + 1 - i) * 4),
     s.occurred_at, left(s.q, greatest(1, length(s.q) * i / (s.prefixes + 1))),
     left(s.q, greatest(1, length(s.q) * i / (s.prefixes + 1))), s.hit_count * 3, s.hit_ids
   FROM b_searches s CROSS JOIN LATERAL generate_series(1, s.prefixes) i
   WHERE s.prefixes > 0`,
  // clicks and the views they lead to
  `INSERT INTO help_events (workspace_id, type, session_id, channel, occurred_at, received_at, search_id, article_id,
                           position, locale)
   SELECT $1, t.type::help_event_type, s.session_id, s.channel, s.occurred_at + t.delay, s.occurred_at + t.delay,
     CASE WHEN t.type = 'SEARCH_CLICK' THEN s.id END, s.article_id,
     CASE WHEN t.type = 'SEARCH_CLICK' THEN s.pos END, 'en'
   FROM b_searches s
   CROSS JOIN (VALUES ('SEARCH_CLICK', interval '8 seconds'), ('ARTICLE_VIEW', interval '9 seconds')) AS t(type, delay)
   WHERE s.clicked AND s.hit_count > 0`,
  // votes on a quarter of clicked views, carrying the searchId
  `INSERT INTO help_events (workspace_id, type, session_id, channel, occurred_at, received_at, search_id, article_id,
                           helpful, locale)
   SELECT $1, 'ARTICLE_VOTE', session_id, channel, occurred_at + interval '70 seconds',
     occurred_at + interval '70 seconds', id, article_id, r6 < 0.7 * 0.25, 'en'
   FROM b_searches WHERE clicked AND hit_count > 0 AND r6 < 0.25`,
  // direct views (from a link, no search)
  `INSERT INTO help_events (workspace_id, type, session_id, channel, occurred_at, received_at, article_id, locale)
   SELECT $1, 'ARTICLE_VIEW', s.session_id, s.channel, s.started_at + interval '10 seconds',
     s.started_at + interval '10 seconds', a.id, 'en'
   FROM (SELECT session_id, channel, started_at,
                1 + floor(power(random(), 3) * (SELECT count(*) FROM b_articles))::int AS target
         FROM b_sessions WHERE direct_view) s
   JOIN b_articles a ON a.idx = s.target`,
  // support contacts: after the session's searches, up to 2 hours later (so some fall outside the window)
  `INSERT INTO help_events (workspace_id, type, session_id, channel, occurred_at, received_at)
   SELECT $1, 'SUPPORT_CONTACT', session_id, channel, at, at
   FROM (SELECT session_id, channel,
                started_at + make_interval(secs => searches * 120 + 60 + random() * 7200) AS at
         FROM b_sessions WHERE contacts) c`,
];
