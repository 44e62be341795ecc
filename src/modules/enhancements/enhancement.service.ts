import { DataSource, EntityManager, In } from 'typeorm';
import { Enhancement, EnhancementStatus } from './enhancement.entity';
import { EnhancementStatusChange } from './enhancement-status-change.entity';
import { CreateEnhancementInput, EnhancementFilter, UpdateEnhancementInput } from './dto/enhancement.input';
import { assertTransition } from './status-machine';
import { appendHistory, changeTime, lastHistoryAt } from './enhancement-history';
import { deleteLinks, insertLinks, moveLinks, requireFeedbackIds } from './enhancement-links';
import { Feature } from '../catalog/feature.entity';
import { Connection, paginate } from '../../core/graphql/connection';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError, ConflictError, NotFoundError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { checkPeriod } from '../../core/validation/period';

/** Optional backfill time and actor of a status change. */
export interface ChangeOptions {
  at?: Date | null;
  actor?: string | null;
}

/**
 * Owns enhancements: their status workflow (see `status-machine.ts`) with an append-only history, the feedback
 * linked to them, merges, and the lists built on them. Every read and write is confined to the caller's workspace.
 */
export class EnhancementService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates an enhancement (OPEN unless `input.status` says otherwise) and its first history entry. */
  async create(ctx: RequestContext, input: CreateEnhancementInput): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    const at = changeTime(input.at, null);
    const status = input.status ?? EnhancementStatus.OPEN;
    return this.dataSource.transaction(async (m) => {
      await checkFeature(m, workspaceId, input.featureId);
      const e = m.create(Enhancement, {
        workspaceId,
        title: checkTitle(input.title),
        description: input.description?.trim() ?? '',
        featureId: input.featureId ?? null,
        status,
        shippedAt: status === EnhancementStatus.SHIPPED ? at : null,
        mergedIntoId: null,
        createdAt: at,
      });
      await m.save(e);
      await appendHistory(m, e, null, status, at, actorOf(ctx, input.actor));
      return e;
    });
  }

  /** Changes the title, description or feature (`featureId: null` clears it). */
  async update(ctx: RequestContext, id: string, input: UpdateEnhancementInput): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    return this.dataSource.transaction(async (m) => {
      const e = await lockOne(m, workspaceId, id);
      if (input.title != null) e.title = checkTitle(input.title);
      if (input.description != null) e.description = input.description.trim();
      if (input.featureId !== undefined) {
        await checkFeature(m, workspaceId, input.featureId);
        e.featureId = input.featureId ?? null;
      }
      return m.save(e);
    });
  }

  /**
   * Moves an enhancement to `status` along the state machine (CONFLICT otherwise; asking for the current status
   * changes nothing) and appends the change to its history. `shippedAt` follows the last move into SHIPPED and is
   * cleared on reopen. A merged enhancement is frozen (CONFLICT).
   */
  async setStatus(ctx: RequestContext, id: string, status: EnhancementStatus, opts: ChangeOptions = {}): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    return this.dataSource.transaction(async (m) => {
      const e = await lockOne(m, workspaceId, id);
      if (e.mergedIntoId) throw new ConflictError(`this enhancement was merged into ${e.mergedIntoId}; change that one`);
      if (e.status === status) return e;
      assertTransition(e.status, status);
      const at = changeTime(opts.at, await lastHistoryAt(m, e.id));
      const from = e.status;
      e.status = status;
      e.shippedAt = status === EnhancementStatus.SHIPPED ? at : null;
      await m.save(e);
      await appendHistory(m, e, from, status, at, actorOf(ctx, opts.actor));
      return e;
    });
  }

  /** Links feedback of the workspace to the enhancement (NOT_FOUND for unknown ids); links already there stay. */
  async linkFeedback(ctx: RequestContext, id: string, feedbackIds: readonly string[]): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    return this.dataSource.transaction(async (m) => {
      const e = await lockOne(m, workspaceId, id);
      const ids = await requireFeedbackIds(m, workspaceId, feedbackIds);
      if (e.mergedIntoId) throw new ConflictError(`this enhancement was merged into ${e.mergedIntoId}; link to that one`);
      await insertLinks(m, workspaceId, e.id, ids);
      return e;
    });
  }

  /** Unlinks feedback of the workspace from the enhancement (NOT_FOUND for unknown ids); missing links are ignored. */
  async unlinkFeedback(ctx: RequestContext, id: string, feedbackIds: readonly string[]): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    return this.dataSource.transaction(async (m) => {
      const e = await lockOne(m, workspaceId, id);
      await deleteLinks(m, e.id, await requireFeedbackIds(m, workspaceId, feedbackIds));
      return e;
    });
  }

  /**
   * Merges `sourceId` into `targetId`: the source's feedback links move to the target (deduplicated), the source
   * becomes DECLINED with `mergedIntoId` and a history entry (its history is kept), and enhancements merged into the
   * source earlier now point at the target. CONFLICT when merging into itself, from or into a merged enhancement,
   * or from a SHIPPED one (its delivery would vanish from the metrics). Returns the target.
   */
  async merge(ctx: RequestContext, sourceId: string, targetId: string, opts: ChangeOptions = {}): Promise<Enhancement> {
    const workspaceId = workspaceOf(ctx);
    if (sourceId.toLowerCase() === targetId.toLowerCase()) {
      throw new ConflictError('cannot merge an enhancement into itself');
    }
    return this.dataSource.transaction(async (m) => {
      const rows = await m.find(Enhancement, {
        where: { workspaceId, id: In([sourceId, targetId]) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const source = rows.find((r) => r.id === sourceId.toLowerCase());
      const target = rows.find((r) => r.id === targetId.toLowerCase());
      if (!source || !target) throw new NotFoundError('enhancement');
      if (source.mergedIntoId) throw new ConflictError(`the source was already merged into ${source.mergedIntoId}`);
      if (target.mergedIntoId) {
        throw new ConflictError(`the target was merged into ${target.mergedIntoId}; merge into that one instead`);
      }
      if (source.status === EnhancementStatus.SHIPPED) throw new ConflictError('a SHIPPED enhancement cannot be merged');
      const at = changeTime(opts.at, await lastHistoryAt(m, source.id));
      await moveLinks(m, source.id, target.id);
      await queryRows(m, 'UPDATE enhancements SET merged_into_id = $2 WHERE workspace_id = $3 AND merged_into_id = $1', [
        source.id,
        target.id,
        workspaceId,
      ]);
      const from = source.status;
      source.status = EnhancementStatus.DECLINED;
      source.mergedIntoId = target.id;
      source.shippedAt = null;
      await m.save(source);
      await appendHistory(m, source, from, EnhancementStatus.DECLINED, at, actorOf(ctx, opts.actor));
      return target;
    });
  }

  /** One enhancement of the caller's workspace; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string): Promise<Enhancement> {
    const e = await this.dataSource.getRepository(Enhancement).findOneBy({ id, workspaceId: workspaceOf(ctx) });
    if (!e) throw new NotFoundError('enhancement');
    return e;
  }

  /** A page of the caller's enhancements, newest first, optionally filtered by status and feature. */
  list(ctx: RequestContext, filter: EnhancementFilter, first?: number | null, after?: string | null) {
    const qb = this.dataSource
      .getRepository(Enhancement)
      .createQueryBuilder('e')
      .where('e.workspace_id = :ws', { ws: workspaceOf(ctx) });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.featureId) qb.andWhere('e.feature_id = :featureId', { featureId: filter.featureId });
    return paginate(qb, { first, after, alias: 'e', column: 'e.created_at', property: 'createdAt', direction: 'DESC', cast: 'timestamptz' });
  }

  /** Enhancements currently SHIPPED whose `shippedAt` is in [from, to), newest first. */
  changelog(ctx: RequestContext, from: Date, to: Date, first?: number | null, after?: string | null): Promise<Connection<Enhancement>> {
    checkPeriod(from, to);
    const qb = this.dataSource
      .getRepository(Enhancement)
      .createQueryBuilder('e')
      .where('e.workspace_id = :ws', { ws: workspaceOf(ctx) })
      .andWhere('e.status = :shipped', { shipped: EnhancementStatus.SHIPPED })
      .andWhere('e.shipped_at >= :from AND e.shipped_at < :to', { from, to });
    return paginate(qb, { first, after, alias: 'e', column: 'e.shipped_at', property: 'shippedAt', direction: 'DESC', cast: 'timestamptz' });
  }

  /** Number of feedback items linked to each enhancement, in the order asked (for loaders; 0 without a workspace). */
  async linkedFeedbackCounts(workspaceId: string | undefined, ids: readonly string[]): Promise<number[]> {
    if (!workspaceId) return ids.map(() => 0);
    const rows = await queryRows<{ id: string; n: number }>(
      this.dataSource,
      `SELECT enhancement_id AS id, count(*)::int AS n FROM enhancement_feedback
       WHERE workspace_id = $1 AND enhancement_id = ANY($2::uuid[]) GROUP BY enhancement_id`,
      [workspaceId, [...ids]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  }

  /** Status history of each enhancement, oldest first, in the order asked (for loaders; empty without a workspace). */
  async statusHistories(workspaceId: string | undefined, ids: readonly string[]): Promise<EnhancementStatusChange[][]> {
    if (!workspaceId) return ids.map(() => []);
    const rows = await this.dataSource.getRepository(EnhancementStatusChange).find({
      where: { workspaceId, enhancementId: In([...ids]) },
      order: { at: 'ASC', id: 'ASC' },
    });
    const byId = new Map<string, EnhancementStatusChange[]>(ids.map((id) => [id, []]));
    for (const r of rows) byId.get(r.enhancementId)?.push(r);
    return ids.map((id) => byId.get(id) ?? []);
  }
}

/** The trimmed title; BAD_USER_INPUT when nothing but whitespace is left. */
function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new BadInputError('title must not be blank', 'title');
  return trimmed;
}

function actorOf(ctx: RequestContext, actor?: string | null): string {
  const given = actor?.trim();
  if (given && given.length > 200) throw new BadInputError('actor must be at most 200 characters', 'actor');
  return given || ctx.principal?.apiKeyName || 'unknown';
}

async function lockOne(m: EntityManager, workspaceId: string, id: string): Promise<Enhancement> {
  const e = await m.findOne(Enhancement, { where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
  if (!e) throw new NotFoundError('enhancement');
  return e;
}

async function checkFeature(m: EntityManager, workspaceId: string, featureId?: string | null): Promise<void> {
  if (featureId && !(await m.exists(Feature, { where: { id: featureId, workspaceId } }))) {
    throw new BadInputError('featureId does not name a feature of this workspace', 'featureId');
  }
}
