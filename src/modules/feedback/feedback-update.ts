import { EntityManager } from 'typeorm';
import { Feedback } from './feedback.entity';
import { SubmitFeedbackInput } from './dto/feedback.input';
import { UpdateFeedbackInput } from './dto/feedback-update.input';
import { ItemError, isItemError, validateFeedbackInput } from './feedback-validation';
import { resolveReferences } from './feedback-batch-writer';
import { decideDuplicateOf } from './near-duplicate-recheck';
import { scoreFeedback } from './quality';
import { AppError, NotFoundError } from '../../core/errors/errors';

/**
 * Applies triage changes to one item inside the caller's transaction: locks the row, merges the changes into the
 * stored item and checks the result with the submit rules, resolves feature and milestone, re-decides the
 * near-duplicate link and the quality score from the new state, and writes it. Items that were flagged as
 * near-duplicates of this one are re-checked too, since their original may no longer match. Throws NOT_FOUND for an
 * id outside the workspace and BAD_USER_INPUT (with `field`) for invalid values; the caller rolls back on any error.
 */
export async function updateFeedbackItem(
  m: EntityManager,
  workspaceId: string,
  id: string,
  patch: UpdateFeedbackInput,
  now: Date,
): Promise<Feedback> {
  const stored = await m.findOne(Feedback, { where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
  if (!stored) throw new NotFoundError('feedback');

  const valid = validateFeedbackInput(mergeChanges(stored, patch ?? {}), now);
  if (isItemError(valid)) throw toAppError(valid);
  const refs = (await resolveReferences(m, workspaceId, [{ item: valid }]))(valid);
  if ('error' in refs) throw toAppError(refs.error);

  const duplicateOfId = await decideDuplicateOf(m, workspaceId, { ...valid, id });
  const quality = scoreFeedback({ ...valid, ...refs, nearDuplicate: duplicateOfId !== null });
  await m.update(Feedback, { id, workspaceId }, {
    text: valid.text,
    rating: valid.rating,
    effortScore: valid.effortScore,
    externalAccountId: valid.externalAccountId,
    tags: valid.tags,
    featureId: refs.featureId,
    milestoneId: refs.milestoneId,
    duplicateOfId,
    qualityScore: quality.score,
    qualitySignals: quality.signals,
  });
  await recheckDependents(m, workspaceId, id);
  return m.findOneOrFail(Feedback, { where: { id, workspaceId } });
}

/**
 * The stored item with the changes applied, as a submit input: a field left out (undefined) keeps its stored value,
 * null clears it. Giving either featureId or featureKey replaces the feature reference (likewise for milestones).
 */
function mergeChanges(stored: Feedback, patch: UpdateFeedbackInput): SubmitFeedbackInput {
  const pick = <T>(change: T | undefined, current: T): T => (change === undefined ? current : change);
  const featureGiven = patch.featureId !== undefined || patch.featureKey !== undefined;
  const milestoneGiven = patch.milestoneId !== undefined || patch.milestoneKey !== undefined;
  return {
    kind: stored.kind,
    text: pick(patch.text, stored.text) as string,
    rating: pick(patch.rating, stored.rating),
    effortScore: pick(patch.effortScore, stored.effortScore),
    source: stored.source,
    externalId: stored.externalId,
    externalAccountId: pick(patch.externalAccountId, stored.externalAccountId),
    externalUserId: stored.externalUserId,
    tags: pick(patch.tags, stored.tags),
    metadata: stored.metadata,
    occurredAt: stored.occurredAt,
    featureId: featureGiven ? patch.featureId : stored.featureId,
    featureKey: featureGiven ? patch.featureKey : null,
    milestoneId: milestoneGiven ? patch.milestoneId : stored.milestoneId,
    milestoneKey: milestoneGiven ? patch.milestoneKey : null,
  };
}

/** Re-decides the link (and so the score) of items flagged as near-duplicates of `id`, now that it has changed. */
async function recheckDependents(m: EntityManager, workspaceId: string, id: string): Promise<void> {
  const dependents = await m.find(Feedback, {
    where: { workspaceId, duplicateOfId: id },
    order: { occurredAt: 'ASC', id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  for (const d of dependents) {
    const duplicateOfId = await decideDuplicateOf(m, workspaceId, d);
    if (duplicateOfId === d.duplicateOfId) continue;
    const quality = scoreFeedback({ ...d, nearDuplicate: duplicateOfId !== null });
    await m.update(Feedback, { id: d.id, workspaceId }, {
      duplicateOfId,
      qualityScore: quality.score,
      qualitySignals: quality.signals,
    });
  }
}

function toAppError(e: ItemError): AppError {
  return new AppError(e.code, e.message, e.field ? { field: e.field } : {});
}
