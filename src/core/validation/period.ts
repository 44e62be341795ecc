import { BadInputError } from '../errors/errors';

/** Earliest and latest instants a range may touch (a comparison period before `from` must fit too). */
export const PERIOD_BOUNDS = { earliest: Date.UTC(1970, 0, 1), latest: Date.UTC(2200, 0, 1) };

/**
 * BAD_USER_INPUT unless `from` and `to` are valid instants with from < to (every half-open `[from, to)` range), and
 * the range, with `lookBack` milliseconds before `from` for a comparison period, lies within {@link PERIOD_BOUNDS}.
 */
export function checkPeriod(from: Date, to: Date, lookBack = 0): void {
  const f = from.getTime();
  const t = to.getTime();
  if (Number.isNaN(f) || Number.isNaN(t)) throw new BadInputError('from and to must be date-times', 'from');
  if (f >= t) throw new BadInputError('from must be before to', 'from');
  if (f - lookBack < PERIOD_BOUNDS.earliest || t > PERIOD_BOUNDS.latest) {
    throw new BadInputError('the range (and its comparison period) must lie between 1970 and 2200', 'from');
  }
}
