import { DataSource, In } from 'typeorm';
import { Feature } from './feature.entity';
import { Milestone } from './milestone.entity';
import { BadInputError, ConflictError } from '../../core/errors/errors';
import { isUniqueViolation } from '../../core/db/pg-errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

const KEY = /^[a-z0-9][a-z0-9._/-]{0,99}$/;
/** Longest feature or milestone name, in characters. */
export const MAX_NAME_CHARS = 200;
/** Highest milestone position (PostgreSQL int). */
const MAX_POSITION = 2_147_483_647;

/** The trimmed name, or the key when blank; BAD_USER_INPUT when longer than `MAX_NAME_CHARS`. */
function checkName(name: string, key: string): string {
  const trimmed = name.trim();
  if ([...trimmed].length > MAX_NAME_CHARS) throw new BadInputError(`name must be at most ${MAX_NAME_CHARS} characters`, 'name');
  return trimmed || key;
}

/** Owns the feature catalogue and the milestone list of a workspace. */
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a feature; `key` is unique in the workspace. */
  async createFeature(ctx: RequestContext, key: string, name: string, parentId?: string | null): Promise<Feature> {
    const workspaceId = workspaceOf(ctx);
    if (!KEY.test(key)) throw new BadInputError('key must be lowercase letters, digits, ".", "_", "/" or "-"', 'key');
    const clean = checkName(name, key);
    const repo = this.dataSource.getRepository(Feature);
    if (parentId && !(await repo.exists({ where: { id: parentId, workspaceId } }))) {
      throw new BadInputError('parentId does not name a feature of this workspace', 'parentId');
    }
    try {
      return await repo.save(repo.create({ workspaceId, key, name: clean, parentId: parentId ?? null }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`a feature with key "${key}" already exists`);
      throw err;
    }
  }

  /** Creates a milestone at `position` (appended when omitted); `key` is unique in the workspace. */
  async createMilestone(ctx: RequestContext, key: string, name: string, position?: number): Promise<Milestone> {
    const workspaceId = workspaceOf(ctx);
    if (!KEY.test(key)) throw new BadInputError('key must be lowercase letters, digits, ".", "_", "/" or "-"', 'key');
    const clean = checkName(name, key);
    try {
      // The workspace row is locked so that concurrent appends get distinct positions.
      return await this.dataSource.transaction(async (m) => {
        await m.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
        let pos = position;
        if (pos == null) {
          const last = (await m.maximum(Milestone, 'position', { workspaceId })) ?? 0;
          if (last >= MAX_POSITION) {
            throw new BadInputError(`the last milestone is at the highest position (${MAX_POSITION}): give a position`, 'position');
          }
          pos = last + 1;
        }
        return m.save(m.create(Milestone, { workspaceId, key, name: clean, position: pos }));
      });
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
