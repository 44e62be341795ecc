import { EntityManager } from 'typeorm';
import { Enhancement, EnhancementStatus } from './enhancement.entity';
import { EnhancementStatusChange } from './enhancement-status-change.entity';
import { BadInputError } from '../../core/errors/errors';
import { PERIOD_BOUNDS } from '../../core/validation/period';

/**
 * The time of a new history entry: `at` when given (backfilling), else now. BAD_USER_INPUT when `at` is in the
 * future or before `lastAt` (the enhancement's latest history entry), so every history reads in time order.
 */
export function changeTime(at: Date | undefined | null, lastAt: Date | null, now: Date = new Date()): Date {
  if (at == null) return lastAt && lastAt > now ? lastAt : now;
  if (Number.isNaN(at.getTime())) throw new BadInputError('at is not a valid time', 'at');
  if (at > now) throw new BadInputError('at must not be in the future', 'at');
  if (at.getTime() < PERIOD_BOUNDS.earliest) throw new BadInputError('at must not be before 1970', 'at');
  if (lastAt && at < lastAt) {
    throw new BadInputError(`at must not be before the last status change (${lastAt.toISOString()})`, 'at');
  }
  return at;
}

/** Time of the enhancement's latest history entry, or null when it has none. */
export async function lastHistoryAt(m: EntityManager, enhancementId: string): Promise<Date | null> {
  const last = await m.findOne(EnhancementStatusChange, {
    where: { enhancementId },
    order: { at: 'DESC', id: 'DESC' },
    select: { id: true, at: true },
  });
  return last?.at ?? null;
}

/** Appends one entry to the enhancement's status history (the history is never updated or deleted). */
export async function appendHistory(
  m: EntityManager,
  e: Enhancement,
  fromStatus: EnhancementStatus | null,
  toStatus: EnhancementStatus,
  at: Date,
  actor: string,
): Promise<void> {
  await m.insert(EnhancementStatusChange, {
    workspaceId: e.workspaceId,
    enhancementId: e.id,
    fromStatus,
    toStatus,
    at,
    actor,
  });
}
