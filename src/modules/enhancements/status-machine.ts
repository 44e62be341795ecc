import { EnhancementStatus } from './enhancement.entity';
import { ConflictError } from '../../core/errors/errors';

const S = EnhancementStatus;

/**
 * The enhancement workflow: for each status, the statuses it may move to (documented in docs/enhancements.md).
 * SHIPPED -> IN_PROGRESS is a reopen; DECLINED -> OPEN revives a request. Merging is not a transition of this
 * machine: it declines the source from any status but SHIPPED (see `EnhancementService.merge`).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<EnhancementStatus, readonly EnhancementStatus[]>> = {
  [S.OPEN]: [S.UNDER_REVIEW, S.PLANNED, S.DECLINED],
  [S.UNDER_REVIEW]: [S.PLANNED, S.DECLINED, S.OPEN],
  [S.PLANNED]: [S.IN_PROGRESS, S.DECLINED, S.UNDER_REVIEW],
  [S.IN_PROGRESS]: [S.SHIPPED, S.PLANNED],
  [S.SHIPPED]: [S.IN_PROGRESS],
  [S.DECLINED]: [S.OPEN],
};

/** Statuses in which an enhancement still represents unmet demand. */
export const OPEN_STATUSES: readonly EnhancementStatus[] = [S.OPEN, S.UNDER_REVIEW, S.PLANNED, S.IN_PROGRESS];

/** True when `from -> to` is an allowed transition. */
export function canTransition(from: EnhancementStatus, to: EnhancementStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT naming the allowed targets when `from -> to` is not an allowed transition. */
export function assertTransition(from: EnhancementStatus, to: EnhancementStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(
      `cannot move an enhancement from ${from} to ${to}; allowed from ${from}: ${ALLOWED_TRANSITIONS[from].join(', ')}`,
    );
  }
}
