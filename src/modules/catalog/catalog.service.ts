import { DataSource, In } from 'typeorm';
import { Feature } from './feature.entity';
import { Milestone } from './milestone.entity';
import { BadInputError, ConflictError } from '../../core/errors/errors';
import { isUniqueViolation } from '../../core/db/pg-errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

const KEY = /^[a-z0-9][a-z0-9._/-]{0,99}$/;

/** Owns the feature catalogue and the milestone list of a workspace. */
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a feature; `key` is unique in the workspace. */
  async createFeature(ctx: RequestContext, key: string, name: string, parentId?: string | null): Promise<Feature> {
    const workspaceId = workspaceOf(ctx);
    if (!KEY.test(key)) throw new BadInputError('key must be lowercase letters, digits, ".", "_", "/" or "-"', 'key');
    const repo = this.dataSource.getRepository(Feature);
    if (parentId && !(await repo.exists({ where: { id: parentId, workspaceId } }))) {
      throw new BadInputError('parentId does not name a feature of this workspace', 'parentId');
    }
    try {
      return await repo.save(repo.create({ workspaceId, key, name: name.trim() || key, parentId: parentId ?? null }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`a feature with key "${key}" already exists`);
      throw err;
    }
  }

  /** Creates a milestone at `position` (appended when omitted); `key` is unique in the workspace. */
  async createMilestone(ctx: RequestContext, key: string, name: string, position?: number): Promise<Milestone> {
    const workspaceId = workspaceOf(ctx);
    if (!KEY.test(key)) throw new BadInputError('key must be lowercase letters, digits, ".", "_", "/" or "-"', 'key');
    const repo = this.dataSource.getRepository(Milestone);
    const pos = position ?? ((await repo.maximum('position', { workspaceId })) ?? 0) + 1;
    try {
      return await repo.save(repo.create({ workspaceId, key, name: name.trim() || key, position: pos }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`a milestone with key "${key}" already exists`);
      throw err;
    }
  }

  /** All features of the caller's workspace, by key. */
  features(ctx: RequestContext): Promise<Feature[]> {
    return this.dataSource.getRepository(Feature).find({ where: { workspaceId: workspaceOf(ctx) }, order: { key: 'ASC' } });
  }

  /** All milestones of the caller's workspace, in journey order. */
  milestones(ctx: RequestContext): Promise<Milestone[]> {
    return this.dataSource
      .getRepository(Milestone)
      .find({ where: { workspaceId: workspaceOf(ctx) }, order: { position: 'ASC', key: 'ASC' } });
  }

  /** Features by id within a workspace, in the order asked (for loaders). */
  async featuresByIds(workspaceId: string, ids: readonly string[]): Promise<(Feature | null)[]> {
    const rows = await this.dataSource.getRepository(Feature).findBy({ workspaceId, id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Milestones by id within a workspace, in the order asked (for loaders). */
  async milestonesByIds(workspaceId: string, ids: readonly string[]): Promise<(Milestone | null)[]> {
    const rows = await this.dataSource.getRepository(Milestone).findBy({ workspaceId, id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Feature ids by key within a workspace (imports map keys to ids). */
  async featureIdsByKey(workspaceId: string): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(Feature).find({ where: { workspaceId }, select: { id: true, key: true } });
    return new Map(rows.map((r) => [r.key, r.id]));
  }
}
