import { DataSource, Repository } from 'typeorm';
import { Workspace } from './workspace.entity';
import { BadInputError, ConflictError, NotFoundError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Creates and reads workspaces (tenants). */
export class WorkspaceService {
  private readonly repo: Repository<Workspace>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(Workspace);
  }

  /** Creates a workspace; the slug must be new. */
  async create(slug: string, name: string): Promise<Workspace> {
    if (!SLUG.test(slug)) throw new BadInputError('slug must be lowercase letters, digits and dashes', 'slug');
    if (await this.repo.exists({ where: { slug } })) throw new ConflictError(`workspace "${slug}" already exists`);
    return this.repo.save(this.repo.create({ slug, name: name.trim() || slug }));
  }

  /** The workspace with this slug, or undefined. */
  async findBySlug(slug: string): Promise<Workspace | undefined> {
    return (await this.repo.findOne({ where: { slug } })) ?? undefined;
  }

  /** The workspace with this slug; NOT_FOUND otherwise. */
  async getBySlug(slug: string): Promise<Workspace> {
    const ws = await this.findBySlug(slug);
    if (!ws) throw new NotFoundError(`workspace "${slug}"`);
    return ws;
  }

  /** The caller's own workspace. */
  async current(ctx: RequestContext): Promise<Workspace> {
    return this.repo.findOneOrFail({ where: { id: workspaceOf(ctx) } });
  }

  /** Replaces the browser origins allowed to call search and event recording. */
  async setAllowedOrigins(ctx: RequestContext, origins: string[]): Promise<Workspace> {
    const clean = [...new Set(origins.map((o) => o.trim().replace(/\/+$/, '')))];
    for (const o of clean) {
      let url: URL | undefined;
      try {
        url = new URL(o);
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o) {
        throw new BadInputError(`"${o}" is not an origin like https://help.example.com`, 'origins');
      }
    }
    const ws = await this.current(ctx);
    ws.allowedOrigins = clean;
    return this.repo.save(ws);
  }

  /**
   * Deletes a workspace and everything in it (rows without a foreign key, such as help events, explicitly).
   * Used to undo a demo seed that failed half-way; there is no API for it.
   */
  async remove(workspaceId: string): Promise<void> {
    await this.repo.manager.transaction(async (m) => {
      await m.query('DELETE FROM help_events WHERE workspace_id = $1', [workspaceId]);
      await m.query('DELETE FROM search_outbox WHERE workspace_id = $1', [workspaceId]);
      await m.delete(Workspace, { id: workspaceId });
    });
  }

  /** Allowed origins of a workspace, for CORS checks. */
  async allowedOrigins(workspaceId: string): Promise<string[]> {
    const ws = await this.repo.findOne({ where: { id: workspaceId }, select: { allowedOrigins: true, id: true } });
    return ws?.allowedOrigins ?? [];
  }
}
