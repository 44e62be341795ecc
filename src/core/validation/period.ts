import { BadInputError } from '../errors/errors';

/** BAD_USER_INPUT unless `from` and `to` are valid instants with from < to (every half-open `[from, to)` range). */
export function checkPeriod(from: Date, to: Date): void {
  const f = from.getTime();
  const t = to.getTime();
  if (Number.isNaN(f) || Number.isNaN(t)) throw new BadInputError('from and to must be date-times', 'from');
  if (f >= t) throw new BadInputError('from must be before to', 'from');
}
