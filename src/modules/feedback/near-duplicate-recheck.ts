import { EntityManager } from 'typeorm';
import { authorKey, findNearDuplicate, NEAR_DUPLICATE_WINDOW_MS, shingles } from './near-duplicate';
import { queryRows } from '../../core/db/query-rows';

/** A stored item whose near-duplicate link is (re)decided, with the author fields it would have after a change. */
export interface RecheckSubject {
  id: string;
  text: string;
  source: string;
  externalAccountId: string | null;
  externalUserId: string | null;
}

/**
 * Decides which earlier stored item `subject` nearly duplicates, by the rules applied on submit (`near-duplicate.ts`):
 * same author, occurred at most 7 days before or at the same instant, most similar wins, ties to the earliest.
 *
 * "Earlier" is read from the stored row (its occurredAt and createdAt, compared in SQL so no precision is lost): items
 * of the same instant count when they were stored in the same or an earlier transaction, as they would have on
 * submit. The subject itself and items that already point at it are never candidates, so no two items point at each
 * other. Returns null for unattributed items.
 */
export async function decideDuplicateOf(
  m: EntityManager,
  workspaceId: string,
  subject: RecheckSubject,
): Promise<string | null> {
  if (!authorKey(subject)) return null;
  const rows = await queryRows<{ id: string; text: string; occurred_at: Date; me_at: Date }>(
    m,
    `WITH me AS (SELECT occurred_at, created_at FROM feedback WHERE id = $2 AND workspace_id = $1)
     SELECT f.id, f.text, f.occurred_at, me.occurred_at AS me_at
       FROM feedback f, me
      WHERE f.workspace_id = $1 AND f.id <> $2 AND f.duplicate_of_id IS DISTINCT FROM $2::uuid
        AND f.occurred_at >= me.occurred_at - make_interval(secs => $6)
        AND (f.occurred_at < me.occurred_at OR (f.occurred_at = me.occurred_at AND f.created_at <= me.created_at))
        AND (($3::text IS NOT NULL AND f.external_account_id = $3)
             OR ($3::text IS NULL AND f.external_account_id IS NULL AND f.source = $4 AND f.external_user_id = $5))
      ORDER BY f.occurred_at, f.created_at, f.id`,
    [workspaceId, subject.id, subject.externalAccountId, subject.source, subject.externalUserId, NEAR_DUPLICATE_WINDOW_MS / 1000],
  );
  if (!rows.length) return null;
  const candidates = rows.map((r) => ({ id: r.id, occurredAt: new Date(r.occurred_at), shingles: shingles(r.text) }));
  return findNearDuplicate(shingles(subject.text), new Date(rows[0].me_at), candidates)?.id ?? null;
}
