import { DataSource } from 'typeorm';
import { Feedback } from './feedback.entity';
import { FeedbackFilter, SubmitFeedbackInput } from './dto/feedback.input';
import { FeedbackItemResult, FeedbackItemStatus } from './feedback-result.types';
import { isItemError, MAX_BATCH_ITEMS, validateFeedbackInput, ValidFeedback } from './feedback-validation';
import { writeFeedbackItems } from './feedback-batch-writer';
import { updateFeedbackItem } from './feedback-update';
import { UpdateFeedbackInput } from './dto/feedback-update.input';
import { Connection, paginate } from '../../core/graphql/connection';
import { AppError, BadInputError, NotFoundError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** The result of submitting one item: the stored feedback, and whether it already existed. */
export interface SubmitOutcome {
  feedback: Feedback;
  duplicate: boolean;
}

/**
 * Owns feedback: idempotent submission (single and batch), quality scoring and near-duplicate flagging at write time,
 * and reads of the caller's workspace.
 */
export class FeedbackService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores up to 1,000 items in one transaction. Each item is validated on its own: valid items are stored even when
   * others fail, and an item repeating a (source, externalId) already stored answers DUPLICATE with the original.
   */
  async submitBatch(ctx: RequestContext, inputs: SubmitFeedbackInput[]): Promise<FeedbackItemResult[]> {
    const workspaceId = workspaceOf(ctx);
    if (!Array.isArray(inputs) || inputs.length > MAX_BATCH_ITEMS) {
      throw new BadInputError(`a batch carries at most ${MAX_BATCH_ITEMS} items`, 'items');
    }
    const now = new Date();
    const results: FeedbackItemResult[] = [];
    const valid: { index: number; item: ValidFeedback }[] = [];
    inputs.forEach((input, index) => {
      const v = validateFeedbackInput(input, now);
      if (isItemError(v)) results[index] = { index, status: FeedbackItemStatus.ERROR, feedback: null, error: v };
      else valid.push({ index, item: v });
    });
    if (valid.length) {
      const written = await this.dataSource.transaction((m) => writeFeedbackItems(m, workspaceId, valid));
      for (const [index, w] of written) {
        results[index] =
          w.status === 'ERROR'
            ? { index, status: FeedbackItemStatus.ERROR, feedback: null, error: w.error }
            : { index, status: FeedbackItemStatus[w.status], feedback: w.feedback, error: null };
      }
    }
    return results;
  }

  /** Stores one item (or returns the original for a repeated idempotency key); refuses bad input as a whole. */
  async submit(ctx: RequestContext, input: SubmitFeedbackInput): Promise<SubmitOutcome> {
    const [result] = await this.submitBatch(ctx, [input]);
    if (result.error) {
      throw new AppError(result.error.code as 'BAD_USER_INPUT', result.error.message, {
        ...(result.error.field ? { field: result.error.field } : {}),
      });
    }
    return { feedback: result.feedback!, duplicate: result.status === FeedbackItemStatus.DUPLICATE };
  }

  /**
   * Triage: changes feature, milestone, tags, rating, effort score, account or text of one item of the caller's
   * workspace, in one transaction with the row locked, and re-scores it (see `updateFeedbackItem`). NOT_FOUND for an
   * id of another workspace; BAD_USER_INPUT with the field for invalid values; nothing is written on error.
   */
  update(ctx: RequestContext, id: string, input: UpdateFeedbackInput): Promise<Feedback> {
    const workspaceId = workspaceOf(ctx);
    const now = new Date();
    return this.dataSource.transaction((m) => updateFeedbackItem(m, workspaceId, id, input, now));
  }

  /** One item of the caller's workspace; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string): Promise<Feedback> {
    const found = await this.dataSource.getRepository(Feedback).findOne({ where: { id, workspaceId: workspaceOf(ctx) } });
    if (!found) throw new NotFoundError('feedback');
    return found;
  }

  /** A page of the caller's feedback, most recent occurredAt first, filtered. */
  async list(
    ctx: RequestContext,
    filter: FeedbackFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Feedback>> {
    const qb = this.dataSource
      .getRepository(Feedback)
      .createQueryBuilder('f')
      .where('f.workspace_id = :ws', { ws: workspaceOf(ctx) });
    if (filter.kind) qb.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter.featureId) qb.andWhere('f.feature_id = :featureId', { featureId: filter.featureId });
    if (filter.milestoneId) qb.andWhere('f.milestone_id = :milestoneId', { milestoneId: filter.milestoneId });
    if (filter.source) qb.andWhere('f.source = :source', { source: filter.source.trim().toLowerCase() });
    if (filter.from) qb.andWhere('f.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('f.occurred_at < :to', { to: filter.to });
    if (filter.from && filter.to && filter.from >= filter.to) throw new BadInputError('from must be before to', 'from');
    if (filter.text != null) {
      if (filter.text.length > 500 || filter.text.includes('\u0000')) {
        throw new BadInputError('text filter must be at most 500 characters', 'text');
      }
      qb.andWhere(`f.text ILIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLike(filter.text)}%` });
    }
    if (filter.minQuality != null) {
      if (!Number.isInteger(filter.minQuality) || filter.minQuality < 0 || filter.minQuality > 100) {
        throw new BadInputError('minQuality must be from 0 to 100', 'minQuality');
      }
      qb.andWhere('f.quality_score >= :minQuality', { minQuality: filter.minQuality });
    }
    return paginate(qb, {
      first,
      after,
      alias: 'f',
      column: 'f.occurred_at',
      property: 'occurredAt',
      direction: 'DESC',
      cast: 'timestamptz',
    });
  }
}

/** Escapes LIKE wildcards so the text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
