/**
 * Set-based SQL that fills the bench workspace's catalogue, articles, feedback and enhancements. Every statement takes
 * $1 workspace id, $2 range start and $3 range end (the year the data covers); extra parameters are noted.
 * Must run on one connection (later statements read the temporary tables earlier ones create).
 */

/** Feature keys (20): a Trello-like product. */
export const FEATURE_KEYS = [
  'boards', 'cards', 'import', 'export', 'billing', 'invites', 'permissions', 'notifications', 'integrations', 'api',
  'webhooks', 'sso', 'search', 'reports', 'mobile', 'calendar', 'automations', 'templates', 'comments', 'attachments',
];

/** Verbs and objects that article titles, bodies and search queries are made of. */
export const VERBS = [
  'import', 'export', 'create', 'delete', 'share', 'invite', 'archive', 'restore', 'connect', 'configure',
  'reset', 'upgrade', 'download', 'sync', 'filter', 'sort', 'rename', 'move', 'duplicate', 'schedule',
];
export const OBJECTS = [
  'boards', 'cards', 'lists', 'members', 'invoices', 'passwords', 'api keys', 'webhooks', 'labels', 'due dates',
  'checklists', 'attachments', 'comments', 'notifications', 'reports', 'templates', 'automations', 'calendars',
  'workspaces', 'teams',
];
const FILLER = ['the', 'your', 'to', 'and', 'click', 'open', 'settings', 'then', 'select', 'page', 'menu', 'button', 'choose', 'save', 'you', 'can', 'from', 'with', 'a', 'of'];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;

/** Features ($1 only) and 8 journey milestones. */
export const CATALOG_SQL = [
  `INSERT INTO features (workspace_id, key, name)
   SELECT $1, k, initcap(k) FROM unnest(${sqlArray(FEATURE_KEYS)}) AS k`,
  `INSERT INTO milestones (workspace_id, key, name, position)
   SELECT $1, k, initcap(replace(k, '-', ' ')), p
   FROM unnest(ARRAY['signed-up','first-board','first-card','invited-team','first-integration','first-automation',
                     'upgraded','first-report']) WITH ORDINALITY AS m(k, p)`,
  `CREATE TEMP TABLE b_features AS
   SELECT row_number() OVER (ORDER BY key)::int AS idx, id, key FROM features WHERE workspace_id = $1`,
  `CREATE TEMP TABLE b_milestones AS
   SELECT position AS idx, id FROM milestones WHERE workspace_id = $1`,
];

/** $4 article count: titles "<Verb> <object> with <Feature>", ~100-160 word bodies, 90% published. */
export const ARTICLES_SQL = [
  `INSERT INTO articles (workspace_id, slug, title, summary, body, locale, tags, feature_id, status, created_at,
                         updated_at, published_at)
   SELECT $1, 'kb-' || x.g,
     initcap(x.v) || ' ' || x.o || ' with ' || initcap(f.key),
     'How to ' || x.v || ' ' || x.o || ' in ' || f.key || '.',
     (SELECT string_agg(CASE WHEN j % 9 = 0 THEN x.v WHEN j % 11 = 0 THEN x.o
                             ELSE (${sqlArray([...FILLER, ...VERBS, ...OBJECTS])})[1 + floor(random() * 60)::int] END, ' ')
        FROM generate_series(1, 100 + x.g % 60) j),
     'en', ARRAY[f.key], f.id, x.status::article_status,
     x.updated_at - interval '30 days', x.updated_at, x.updated_at - interval '30 days'
   FROM (
     SELECT g, (${sqlArray(VERBS)})[1 + g % 20] AS v, (${sqlArray(OBJECTS)})[1 + (g / 20) % 20] AS o,
       CASE WHEN g % 50 < 45 THEN 'PUBLISHED' WHEN g % 50 < 48 THEN 'DRAFT' ELSE 'ARCHIVED' END AS status,
       $3::timestamptz - random() * interval '700 days' AS updated_at
     FROM generate_series(1, $4::int) g
   ) x
   JOIN b_features f ON f.idx = 1 + (x.g * 7) % 20`,
  `CREATE TEMP TABLE b_articles AS
   SELECT row_number() OVER (ORDER BY slug)::int AS idx, id, lower(split_part(title, ' with ', 1)) AS q
   FROM articles WHERE workspace_id = $1 AND status = 'PUBLISHED'`,
  `CREATE UNIQUE INDEX ON b_articles (idx)`,
  `INSERT INTO search_outbox (workspace_id, article_id, action)
   SELECT workspace_id, id, 'upsert' FROM articles WHERE workspace_id = $1`,
];

/**
 * $4 feedback count over [$2, $3), more recent months busier: 55% FEATURE (60% rated), 20% MILESTONE, 25% EASE_OF_USE
 * (effort 1-7); sources in_app, survey, email, zendesk, github; quality signals and score computed as the app does.
 */
export const FEEDBACK_SQL = [
  `INSERT INTO feedback (workspace_id, kind, text, rating, effort_score, source, external_id, external_account_id,
                         external_user_id, occurred_at, feature_id, milestone_id, quality_score, quality_signals,
                         created_at)
   SELECT $1, y.kind::feedback_kind, y.text, y.rating, y.effort, y.source, 'fb-' || y.g, y.account, y.account,
     y.occurred_at, y.feature_id, y.milestone_id,
     (CASE WHEN y.enough THEN 20 ELSE 0 END) + (CASE WHEN y.feature_id IS NOT NULL OR y.milestone_id IS NOT NULL THEN 20 ELSE 0 END)
       + (CASE WHEN y.rating IS NOT NULL OR y.effort IS NOT NULL THEN 15 ELSE 0 END) + (CASE WHEN y.steps THEN 20 ELSE 0 END)
       + (CASE WHEN y.account IS NOT NULL THEN 10 ELSE 0 END) + (CASE WHEN y.dup THEN 0 ELSE 15 END),
     jsonb_build_object('enoughWords', y.enough, 'specific', y.feature_id IS NOT NULL OR y.milestone_id IS NOT NULL,
       'hasScore', y.rating IS NOT NULL OR y.effort IS NOT NULL, 'describesSteps', y.steps,
       'attributed', y.account IS NOT NULL, 'notDuplicate', NOT y.dup),
     y.occurred_at
   FROM (
     SELECT x.*,
       CASE WHEN x.kind = 'FEATURE' AND x.r3 < 0.6 THEN 1 + floor(x.r4 * 5)::int END AS rating,
       CASE WHEN x.kind = 'EASE_OF_USE' THEN 1 + floor(x.r4 * 7)::int END AS effort,
       CASE WHEN x.kind <> 'MILESTONE' AND x.r5 < 0.8 THEN f.id END AS feature_id,
       CASE WHEN x.kind = 'MILESTONE' THEN m.id END AS milestone_id,
       x.long_text AS enough, x.steps_text AS steps,
       CASE WHEN x.steps_text THEN 'Steps to reproduce: open ' || f.key || ', ' || v || ' ' || o || '. Expected: it works. Actual: the page shows an error and nothing is saved, every time I try on my laptop.'
            WHEN x.long_text THEN 'I often need to ' || v || ' ' || o || ' in ' || f.key || ' but it takes many clicks and I cannot find the option quickly, it would help our whole team a lot if this were simpler.'
            ELSE 'Please let me ' || v || ' ' || o || ' faster.' END AS text
     FROM (
       SELECT g, random() AS r3, random() AS r4, random() AS r5,
         CASE WHEN r1 < 0.55 THEN 'FEATURE' WHEN r1 < 0.75 THEN 'MILESTONE' ELSE 'EASE_OF_USE' END AS kind,
         CASE WHEN r2 < 0.4 THEN 'in_app' WHEN r2 < 0.65 THEN 'survey' WHEN r2 < 0.8 THEN 'email'
              WHEN r2 < 0.92 THEN 'zendesk' ELSE 'github' END AS source,
         $2::timestamptz + ($3::timestamptz - $2::timestamptz) * sqrt(random()) AS occurred_at,
         1 + floor(power(random(), 2) * 20)::int AS fidx, 1 + floor(random() * 8)::int AS midx,
         CASE WHEN random() < 0.7 THEN 'acct-' || floor(random() * 20000)::int END AS account,
         random() < 0.05 AS dup, random() < 0.25 AS steps_text, random() < 0.5 AS long_text,
         (${sqlArray(VERBS)})[1 + g % 20] AS v, (${sqlArray(OBJECTS)})[1 + (g / 7) % 20] AS o
       FROM (SELECT g, random() AS r1, random() AS r2 FROM generate_series(1, $4::int) g) z
     ) x
     JOIN b_features f ON f.idx = x.fidx
     JOIN b_milestones m ON m.idx = x.midx
   ) y`,
];

/**
 * $4 enhancement count: 30% OPEN, 10% UNDER_REVIEW, 15% PLANNED, 10% IN_PROGRESS, 30% SHIPPED, 5% DECLINED, with the
 * status history of each (ids follow time) and 15% of FEATURE feedback linked.
 */
export const ENHANCEMENTS_SQL = [
  `CREATE TEMP TABLE b_enh AS
   SELECT g AS idx, gen_random_uuid() AS id, f.id AS feature_id, x.status, x.created_at,
     x.created_at + random() * interval '40 days' AS in_progress_at
   FROM (
     SELECT g, 1 + floor(random() * 20)::int AS fidx,
       $2::timestamptz - interval '90 days' + ($3::timestamptz - $2::timestamptz) * 0.9 * random() AS created_at,
       CASE WHEN r < 0.30 THEN 'OPEN' WHEN r < 0.40 THEN 'UNDER_REVIEW' WHEN r < 0.55 THEN 'PLANNED'
            WHEN r < 0.65 THEN 'IN_PROGRESS' WHEN r < 0.95 THEN 'SHIPPED' ELSE 'DECLINED' END AS status
     FROM (SELECT g, random() AS r FROM generate_series(1, $4::int) g) z
   ) x JOIN b_features f ON f.idx = x.fidx`,
  `ALTER TABLE b_enh ADD COLUMN shipped_at timestamptz`,
  `UPDATE b_enh SET shipped_at = in_progress_at + random() * interval '30 days' WHERE status = 'SHIPPED'`,
  `INSERT INTO enhancements (id, workspace_id, title, status, feature_id, shipped_at, created_at, updated_at)
   SELECT id, $1, 'Enhancement ' || idx, status::enhancement_status, feature_id, shipped_at, created_at,
     coalesce(shipped_at, created_at)
   FROM b_enh`,
  `INSERT INTO enhancement_status_changes (workspace_id, enhancement_id, from_status, to_status, at, actor)
   SELECT $1, id, prev::enhancement_status, step::enhancement_status, at, 'bench'
   FROM (
     SELECT e.id, s.n, s.step, lag(s.step) OVER (PARTITION BY e.id ORDER BY s.n) AS prev,
       CASE s.step WHEN 'OPEN' THEN e.created_at WHEN 'UNDER_REVIEW' THEN e.created_at + interval '1 day'
         WHEN 'PLANNED' THEN e.created_at + interval '3 days' WHEN 'IN_PROGRESS' THEN e.in_progress_at
         WHEN 'SHIPPED' THEN e.shipped_at ELSE e.created_at + interval '5 days' END AS at
     FROM b_enh e
     JOIN unnest(ARRAY['OPEN','UNDER_REVIEW','PLANNED','IN_PROGRESS','SHIPPED','DECLINED']) WITH ORDINALITY AS s(step, n)
       ON s.n = 1 OR (e.status = 'DECLINED' AND s.step = 'DECLINED')
       OR (e.status <> 'DECLINED' AND s.step <> 'DECLINED' AND s.n <= array_position(
             ARRAY['OPEN','UNDER_REVIEW','PLANNED','IN_PROGRESS','SHIPPED'], e.status))
   ) h
   ORDER BY n, at`,
  `INSERT INTO enhancement_feedback (enhancement_id, feedback_id, workspace_id, linked_at)
   SELECT e.id, f.id, $1, f.occurred_at
   FROM (SELECT id, occurred_at, row_number() OVER () AS rn FROM feedback
         WHERE workspace_id = $1 AND kind = 'FEATURE' AND random() < 0.15) f
   JOIN b_enh e ON e.idx = 1 + (f.rn % (SELECT count(*) FROM b_enh))`,
];
