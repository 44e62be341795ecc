import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError, NotFoundError } from '../../core/errors/errors';

/** Most feedback ids one link or unlink call accepts. */
export const MAX_LINK_IDS = 1000;

/**
 * Checks that every id names feedback of the workspace and returns the ids deduplicated. NOT_FOUND when any does
 * not (another workspace's feedback looks exactly like missing feedback).
 */
export async function requireFeedbackIds(m: EntityManager, workspaceId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length > MAX_LINK_IDS) throw new BadInputError(`at most ${MAX_LINK_IDS} feedback ids`, 'feedbackIds');
  if (unique.length === 0) return unique;
  const rows = await queryRows<{ n: number }>(
    m,
    'SELECT count(*)::int AS n FROM feedback WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
    [workspaceId, unique],
  );
  if (rows[0].n !== unique.length) throw new NotFoundError('feedback');
  return unique;
}

/** Links feedback to an enhancement; existing links are left as they are. */
export async function insertLinks(m: EntityManager, workspaceId: string, enhancementId: string, feedbackIds: string[]) {
  if (feedbackIds.length === 0) return;
  await queryRows(
    m,
    `INSERT INTO enhancement_feedback (enhancement_id, feedback_id, workspace_id)
     SELECT $1, f, $2 FROM unnest($3::uuid[]) AS f
     ON CONFLICT DO NOTHING`,
    [enhancementId, workspaceId, feedbackIds],
  );
}

/** Removes links between an enhancement and feedback; links that do not exist are ignored. */
export async function deleteLinks(m: EntityManager, enhancementId: string, feedbackIds: string[]) {
  if (feedbackIds.length === 0) return;
  await queryRows(m, 'DELETE FROM enhancement_feedback WHERE enhancement_id = $1 AND feedback_id = ANY($2::uuid[])', [
    enhancementId,
    feedbackIds,
  ]);
}

/** Moves every link of `sourceId` to `targetId`, dropping those the target already has. */
export async function moveLinks(m: EntityManager, sourceId: string, targetId: string) {
  await queryRows(
    m,
    `INSERT INTO enhancement_feedback (enhancement_id, feedback_id, workspace_id, linked_at)
     SELECT $2, feedback_id, workspace_id, linked_at FROM enhancement_feedback WHERE enhancement_id = $1
     ON CONFLICT DO NOTHING`,
    [sourceId, targetId],
  );
  await queryRows(m, 'DELETE FROM enhancement_feedback WHERE enhancement_id = $1', [sourceId]);
}
