import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Feedback } from './feedback.entity';
import { ItemError, ValidFeedback } from './feedback-validation';
import { scoreFeedback } from './quality';
import { authorKey, DuplicateCandidate, findNearDuplicate, NEAR_DUPLICATE_WINDOW_MS, shingles } from './near-duplicate';
import { queryRows } from '../../core/db/query-rows';

/** Rows per INSERT statement (each row travels inside one jsonb parameter). */
const INSERT_CHUNK = 500;

/** What became of one valid item once written. */
export type WriteOutcome =
  | { status: 'CREATED' | 'DUPLICATE'; feedback: Feedback }
  | { status: 'ERROR'; error: ItemError };

/** A valid item ready to insert: references resolved, id, quality and near-duplicate decided. */
interface PendingRow {
  index: number;
  id: string;
  item: ValidFeedback;
  featureId: string | null;
  milestoneId: string | null;
  duplicateOfId: string | null;
  score: number;
  signals: Record<string, boolean>;
}

/**
 * Writes the valid items of a batch inside the caller's transaction: resolves feature and milestone references,
 * answers repeats of an idempotency key with the original, flags near-duplicates, scores quality, and inserts the
 * rest with `INSERT ... ON CONFLICT (workspace_id, source, external_id) DO NOTHING` (a concurrent writer of the same
 * key loses the race cleanly and gets the original back).
 */
export async function writeFeedbackItems(
  m: EntityManager,
  workspaceId: string,
  items: { index: number; item: ValidFeedback }[],
): Promise<Map<number, WriteOutcome>> {
  const out = new Map<number, WriteOutcome>();
  const refs = await resolveReferences(m, workspaceId, items);
  const resolved: { index: number; item: ValidFeedback; featureId: string | null; milestoneId: string | null }[] = [];
  for (const { index, item } of items) {
    const r = refs(item);
    if ('error' in r) out.set(index, { status: 'ERROR', error: r.error });
    else resolved.push({ index, item, ...r });
  }

  const existing = await findByExternalKeys(m, workspaceId, resolved.map((r) => r.item));
  const firstOfKey = new Map<string, number>();
  const repeats: { index: number; firstIndex: number }[] = [];
  const fresh: typeof resolved = [];
  for (const r of resolved) {
    const key = externalKey(r.item);
    const original = key ? existing.get(key) : undefined;
    if (original) out.set(r.index, { status: 'DUPLICATE', feedback: original });
    else if (key && firstOfKey.has(key)) repeats.push({ index: r.index, firstIndex: firstOfKey.get(key)! });
    else {
      if (key) firstOfKey.set(key, r.index);
      fresh.push(r);
    }
  }

  const rows = await decideNearDuplicates(m, workspaceId, fresh);
  const inserted = await insertRows(m, workspaceId, rows);
  const lostRace = rows.filter((r) => !inserted.has(r.id));
  const originals = await findByExternalKeys(m, workspaceId, lostRace.map((r) => r.item));
  await repointDuplicates(m, rows, inserted, lostRace, originals);

  const stored = await m.find(Feedback, { where: { workspaceId, id: In([...inserted]) } });
  const byId = new Map(stored.map((f) => [f.id, f]));
  for (const r of rows) {
    const created = byId.get(r.id);
    const original = created ? undefined : originals.get(externalKey(r.item)!);
    if (created) out.set(r.index, { status: 'CREATED', feedback: created });
    else if (original) out.set(r.index, { status: 'DUPLICATE', feedback: original });
    else out.set(r.index, { status: 'ERROR', error: { code: 'CONFLICT', message: 'item was not stored; retry', field: null } });
  }
  for (const { index, firstIndex } of repeats) {
    const first = out.get(firstIndex)!;
    out.set(index, first.status === 'ERROR' ? first : { status: 'DUPLICATE', feedback: first.feedback });
  }
  return out;
}

/** The idempotency key of an item, or null when it has no externalId (then it is always new). */
function externalKey(item: { source: string; externalId: string | null }): string | null {
  return item.externalId === null ? null : `${item.source}\u0000${item.externalId}`;
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Stored items of the workspace by (source, externalId). */
async function findByExternalKeys(
  m: EntityManager,
  workspaceId: string,
  items: ValidFeedback[],
): Promise<Map<string, Feedback>> {
  const keyed = items.filter((i) => i.externalId !== null);
  if (!keyed.length) return new Map();
  const ids = await queryRows<{ id: string }>(
    m,
    `SELECT f.id FROM feedback f
      JOIN unnest($2::text[], $3::text[]) AS k(source, external_id)
        ON f.source = k.source AND f.external_id = k.external_id
     WHERE f.workspace_id = $1`,
    [workspaceId, keyed.map((i) => i.source), keyed.map((i) => i.externalId)],
  );
  if (!ids.length) return new Map();
  const rows = await m.find(Feedback, { where: { workspaceId, id: In(ids.map((r) => r.id)) } });
  return new Map(rows.map((f) => [externalKey(f)!, f]));
}

/**
 * Looks up the feature and milestone ids and keys of the items in the workspace; returns a resolver per item that
 * answers the ids or a BAD_USER_INPUT error naming the field (shared by submission and `updateFeedback`).
 */
export async function resolveReferences(
  m: EntityManager,
  workspaceId: string,
  items: { item: ValidFeedback }[],
): Promise<(item: ValidFeedback) => { featureId: string | null; milestoneId: string | null } | { error: ItemError }> {
  const lookup = async (table: 'features' | 'milestones', refs: ValidFeedback['feature'][]) => {
    const ids = refs.flatMap((r) => (r && 'id' in r ? [r.id] : []));
    const keys = refs.flatMap((r) => (r && 'key' in r ? [r.key] : []));
    if (!ids.length && !keys.length) return { byId: new Set<string>(), byKey: new Map<string, string>() };
    const rows = await queryRows<{ id: string; key: string }>(
      m,
      `SELECT id, key FROM ${table} WHERE workspace_id = $1 AND (id = ANY($2::uuid[]) OR key = ANY($3::text[]))`,
      [workspaceId, ids, keys],
    );
    return { byId: new Set(rows.map((r) => r.id)), byKey: new Map(rows.map((r) => [r.key, r.id])) };
  };
  const features = await lookup('features', items.map((i) => i.item.feature));
  const milestones = await lookup('milestones', items.map((i) => i.item.milestone));
  const resolve = (ref: ValidFeedback['feature'], found: typeof features, what: string) => {
    if (!ref) return null;
    const id = 'id' in ref ? (found.byId.has(ref.id) ? ref.id : undefined) : found.byKey.get(ref.key);
    if (id) return id;
    const field = 'id' in ref ? `${what}Id` : `${what}Key`;
    return { code: 'BAD_USER_INPUT', message: `${field} does not name a ${what} of this workspace`, field } as ItemError;
  };
  return (item) => {
    const featureId = resolve(item.feature, features, 'feature');
    if (typeof featureId === 'object' && featureId) return { error: featureId };
    const milestoneId = resolve(item.milestone, milestones, 'milestone');
    if (typeof milestoneId === 'object' && milestoneId) return { error: milestoneId };
    return { featureId, milestoneId };
  };
}

/**
 * Gives each new item an id, its near-duplicate original (an earlier item of the same author within 7 days, stored
 * or earlier in this batch) and its quality score.
 */
async function decideNearDuplicates(
  m: EntityManager,
  workspaceId: string,
  items: { index: number; item: ValidFeedback; featureId: string | null; milestoneId: string | null }[],
): Promise<PendingRow[]> {
  const candidates = await loadCandidates(m, workspaceId, items.map((i) => i.item));
  const ordered = [...items].sort(
    (a, b) => a.item.occurredAt.getTime() - b.item.occurredAt.getTime() || a.index - b.index,
  );
  const rows: PendingRow[] = [];
  for (const { index, item, featureId, milestoneId } of ordered) {
    const id = randomUUID();
    const author = authorKey(item);
    let duplicateOfId: string | null = null;
    if (author) {
      const own = shingles(item.text);
      const list = candidates.get(author) ?? [];
      duplicateOfId = findNearDuplicate(own, item.occurredAt, list)?.id ?? null;
      list.push({ id, occurredAt: item.occurredAt, shingles: own });
      candidates.set(author, list);
    }
    const quality = scoreFeedback({ ...item, featureId, milestoneId, nearDuplicate: duplicateOfId !== null });
    rows.push({ index, id, item, featureId, milestoneId, duplicateOfId, score: quality.score, signals: quality.signals });
  }
  return rows;
}

/** Stored items by the batch's authors that could be near-duplicate originals, grouped by author. */
async function loadCandidates(
  m: EntityManager,
  workspaceId: string,
  items: ValidFeedback[],
): Promise<Map<string, DuplicateCandidate[]>> {
  const attributed = items.filter((i) => authorKey(i) !== null);
  const byAuthor = new Map<string, DuplicateCandidate[]>();
  if (!attributed.length) return byAuthor;
  const times = attributed.map((i) => i.occurredAt.getTime());
  const accounts = [...new Set(attributed.flatMap((i) => (i.externalAccountId ? [i.externalAccountId] : [])))];
  const users = attributed.filter((i) => !i.externalAccountId);
  const rows = await queryRows<{
    id: string;
    text: string;
    occurred_at: Date;
    source: string;
    external_account_id: string | null;
    external_user_id: string | null;
  }>(
    m,
    `SELECT id, text, occurred_at, source, external_account_id, external_user_id FROM feedback
      WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at <= $3
        AND (external_account_id = ANY($4::text[])
             OR (external_account_id IS NULL AND (source, external_user_id) IN
                 (SELECT * FROM unnest($5::text[], $6::text[]))))
      ORDER BY occurred_at, created_at`,
    [
      workspaceId,
      new Date(Math.min(...times) - NEAR_DUPLICATE_WINDOW_MS),
      new Date(Math.max(...times)),
      accounts,
      users.map((u) => u.source),
      users.map((u) => u.externalUserId),
    ],
  );
  for (const r of rows) {
    const key = authorKey({ source: r.source, externalAccountId: r.external_account_id, externalUserId: r.external_user_id })!;
    const list = byAuthor.get(key) ?? [];
    list.push({ id: r.id, occurredAt: new Date(r.occurred_at), shingles: shingles(r.text) });
    byAuthor.set(key, list);
  }
  return byAuthor;
}

/** Inserts the rows in chunks; returns the ids actually inserted (the others hit an existing idempotency key). */
async function insertRows(m: EntityManager, workspaceId: string, rows: PendingRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  // Insert in idempotency-key order so concurrent batches sharing keys take index locks in one order (no deadlock).
  const ordered = [...rows].sort((a, b) => compareKeys(externalKey(a.item), externalKey(b.item)));
  for (let i = 0; i < ordered.length; i += INSERT_CHUNK) {
    const chunk = ordered.slice(i, i + INSERT_CHUNK).map((r) => ({
      id: r.id,
      kind: r.item.kind,
      text: r.item.text,
      rating: r.item.rating,
      effort_score: r.item.effortScore,
      source: r.item.source,
      external_id: r.item.externalId,
      external_account_id: r.item.externalAccountId,
      external_user_id: r.item.externalUserId,
      tags: r.item.tags,
      metadata: r.item.metadata,
      occurred_at: r.item.occurredAt.toISOString(),
      feature_id: r.featureId,
      milestone_id: r.milestoneId,
      quality_score: r.score,
      quality_signals: r.signals,
      duplicate_of_id: r.duplicateOfId,
    }));
    const returned = await queryRows<{ id: string }>(
      m,
      `INSERT INTO feedback (id, workspace_id, kind, text, rating, effort_score, source, external_id,
              external_account_id, external_user_id, tags, metadata, occurred_at, feature_id, milestone_id,
              quality_score, quality_signals, duplicate_of_id)
       SELECT r.id, $1, r.kind, r.text, r.rating, r.effort_score, r.source, r.external_id,
              r.external_account_id, r.external_user_id,
              ARRAY(SELECT jsonb_array_elements_text(r.tags)), NULLIF(r.metadata, 'null'::jsonb), r.occurred_at,
              r.feature_id, r.milestone_id, r.quality_score, r.quality_signals, r.duplicate_of_id
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, kind feedback_kind, text text, rating smallint,
              effort_score smallint, source text, external_id text, external_account_id text, external_user_id text,
              tags jsonb, metadata jsonb, occurred_at timestamptz, feature_id uuid, milestone_id uuid,
              quality_score smallint, quality_signals jsonb, duplicate_of_id uuid)
       ON CONFLICT (workspace_id, source, external_id) DO NOTHING
       RETURNING id`,
      [workspaceId, JSON.stringify(chunk)],
    );
    for (const r of returned) inserted.add(r.id);
  }
  return inserted;
}

/**
 * When an item lost an idempotency race, rows of this batch that were marked as its near-duplicate point at an id
 * that was never stored: point them at the stored original instead.
 */
async function repointDuplicates(
  m: EntityManager,
  rows: PendingRow[],
  inserted: Set<string>,
  lostRace: PendingRow[],
  originals: Map<string, Feedback>,
): Promise<void> {
  if (!lostRace.length) return;
  const replacement = new Map(lostRace.map((r) => [r.id, originals.get(externalKey(r.item)!)?.id ?? null]));
  for (const r of rows) {
    if (!inserted.has(r.id) || !r.duplicateOfId || !replacement.has(r.duplicateOfId)) continue;
    r.duplicateOfId = replacement.get(r.duplicateOfId) ?? null;
    await queryRows(m, 'UPDATE feedback SET duplicate_of_id = $2 WHERE id = $1 RETURNING id', [r.id, r.duplicateOfId]);
  }
}
