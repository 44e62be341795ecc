import { DataSource, EntityManager, In } from 'typeorm';
import { Article, ArticleStatus } from './article.entity';
import { ArticleRevision } from './article-revision.entity';
import {
  ArticleFilter,
  ArticleOrder,
  ArticleOrderField,
  CreateArticleInput,
  UpdateArticleInput,
} from './dto/article.input';
import { paginate } from '../../core/graphql/connection';
import { slugify } from './markdown';
import { Feature } from '../catalog/feature.entity';
import { SearchOutboxStore } from '../../core/search/outbox';
import { BadInputError, ConflictError, NotFoundError } from '../../core/errors/errors';
import { isUniqueViolation } from '../../core/db/pg-errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { SortDirection } from '../../core/graphql/sort-direction';

/** What an upsert by slug did. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Keyset columns of each article order. */
const ORDER_COLUMNS = {
  [ArticleOrderField.UPDATED_AT]: { column: 'a.updated_at', property: 'updatedAt', cast: 'timestamptz' },
  [ArticleOrderField.CREATED_AT]: { column: 'a.created_at', property: 'createdAt', cast: 'timestamptz' },
  [ArticleOrderField.TITLE]: { column: 'a.title', property: 'title', cast: 'text' },
} as const;

const CONTENT_FIELDS = ['slug', 'title', 'summary', 'body', 'locale', 'tags', 'featureId'] as const;

/**
 * Owns articles: every write runs in one transaction with its revision row and a search-outbox row, so the index
 * follows PostgreSQL without ever being written inline.
 */
export class ArticleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: SearchOutboxStore,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Creates an article (a draft unless `input.status` says otherwise). */
  async create(ctx: RequestContext, input: CreateArticleInput): Promise<Article> {
    const workspaceId = workspaceOf(ctx);
    return this.write(async (m) => {
      await this.checkFeature(m, workspaceId, input.featureId);
      const status = input.status ?? ArticleStatus.DRAFT;
      const article = m.create(Article, {
        workspaceId,
        slug: input.slug ?? slugify(input.title),
        title: checkTitle(input.title),
        summary: input.summary?.trim() ?? '',
        body: input.body,
        locale: input.locale ?? 'en',
        tags: normalizeTags(input.tags),
        featureId: input.featureId ?? null,
        status,
        publishedAt: status === ArticleStatus.PUBLISHED ? new Date() : null,
      });
      await this.persist(m, article);
      await this.recordRevision(m, article, ctx);
      return article;
    });
  }

  /** Changes content fields; bumps the revision only when something actually changed. */
  async update(ctx: RequestContext, id: string, input: UpdateArticleInput): Promise<Article> {
    const workspaceId = workspaceOf(ctx);
    return this.write(async (m) => {
      const article = await this.lockOne(m, workspaceId, id);
      if (input.featureId !== undefined) await this.checkFeature(m, workspaceId, input.featureId);
      const changed = applyChanges(article, input);
      if (changed) {
        article.revision += 1;
        await this.persist(m, article);
        await this.recordRevision(m, article, ctx);
      }
      return article;
    });
  }

  /** Moves an article to PUBLISHED, ARCHIVED or back to DRAFT; only published articles are searchable. */
  async setStatus(ctx: RequestContext, id: string, status: ArticleStatus): Promise<Article> {
    const workspaceId = workspaceOf(ctx);
    return this.write(async (m) => {
      const article = await this.lockOne(m, workspaceId, id);
      if (article.status === status) return article;
      article.status = status;
      if (status === ArticleStatus.PUBLISHED) article.publishedAt = new Date();
      await this.persist(m, article);
      return article;
    });
  }

  /** Soft-deletes an article: it leaves search and lists, its metrics history stays. */
  async delete(ctx: RequestContext, id: string): Promise<Article> {
    const workspaceId = workspaceOf(ctx);
    return this.write(async (m) => {
      const article = await this.lockOne(m, workspaceId, id);
      await m.softRemove(article);
      await this.outbox.enqueue(m, workspaceId, [article.id], 'delete');
      return article;
    });
  }

  /**
   * Creates the article with this slug or updates it in place (imports). Returns what happened; content that did
   * not change writes nothing.
   */
  async upsertBySlug(ctx: RequestContext, input: CreateArticleInput & { slug: string }): Promise<UpsertOutcome> {
    const workspaceId = workspaceOf(ctx);
    const existing = await this.dataSource
      .getRepository(Article)
      .findOne({ where: { workspaceId, slug: input.slug }, select: { id: true } });
    if (!existing) {
      await this.create(ctx, input);
      return 'created';
    }
    return this.write(async (m) => {
      const article = await this.lockOne(m, workspaceId, existing.id);
      const changed = applyChanges(article, input);
      const statusChanged = input.status !== undefined && input.status !== article.status;
      if (statusChanged) {
        article.status = input.status!;
        if (article.status === ArticleStatus.PUBLISHED) article.publishedAt = new Date();
      }
      if (!changed && !statusChanged) return 'unchanged' as const;
      if (changed) article.revision += 1;
      await this.persist(m, article);
      if (changed) await this.recordRevision(m, article, ctx);
      return 'updated' as const;
    });
  }

  /** One article of the caller's workspace by id; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string): Promise<Article> {
    const article = await this.dataSource.getRepository(Article).findOne({ where: { id, workspaceId: workspaceOf(ctx) } });
    if (!article) throw new NotFoundError('article');
    return article;
  }

  /** One article of the caller's workspace by slug, or null. */
  async findBySlug(ctx: RequestContext, slug: string): Promise<Article | null> {
    return this.dataSource.getRepository(Article).findOne({ where: { slug, workspaceId: workspaceOf(ctx) } });
  }

  /** A page of the caller's articles, optionally filtered, newest change first unless `order` says otherwise. */
  async list(
    ctx: RequestContext,
    filter: ArticleFilter,
    first?: number | null,
    after?: string | null,
    order?: ArticleOrder | null,
  ) {
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .where('a.workspace_id = :ws', { ws: workspaceOf(ctx) });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.locale) qb.andWhere('a.locale = :locale', { locale: filter.locale });
    if (filter.featureId) qb.andWhere('a.feature_id = :featureId', { featureId: filter.featureId });
    if (filter.tag) qb.andWhere(':tag = ANY(a.tags)', { tag: filter.tag.trim().toLowerCase() });
    // `orderBy: null` arrives as null, not undefined: a default parameter would not apply.
    const field = order?.field ?? ArticleOrderField.UPDATED_AT;
    const direction = order?.direction ?? SortDirection.DESC;
    return paginate(qb, { first, after, alias: 'a', direction, ...ORDER_COLUMNS[field] });
  }

  /** Articles of the caller's workspace by id, in the order asked, soft-deleted included (for loaders). */
  async byIds(workspaceId: string, ids: readonly string[]): Promise<(Article | null)[]> {
    const rows = await this.dataSource
      .getRepository(Article)
      .find({ where: { workspaceId, id: In([...ids]) }, withDeleted: true });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Revisions of each article (newest first), for the `revisions` field loader. */
  async revisionsByArticle(workspaceId: string, ids: readonly string[]): Promise<ArticleRevision[][]> {
    const rows = await this.dataSource.getRepository(ArticleRevision).find({
      where: { workspaceId, articleId: In([...ids]) },
      order: { revision: 'DESC' },
    });
    return ids.map((id) => rows.filter((r) => r.articleId === id));
  }

  /** Articles by id across workspaces, soft-deleted included (for the search indexer). */
  async forIndexing(ids: string[]): Promise<Article[]> {
    return this.dataSource.getRepository(Article).find({ where: { id: In(ids) }, withDeleted: true });
  }

  /** Runs `fn` in a transaction, maps unique violations to CONFLICT and wakes the outbox worker afterwards. */
  private async write<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.dataSource.transaction(fn);
      this.onChange();
      return result;
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('an article with this slug already exists');
      throw err;
    }
  }

  /** Saves the article and queues its index update in the same transaction. */
  private async persist(m: EntityManager, article: Article): Promise<void> {
    await m.save(article);
    await this.outbox.enqueue(m, article.workspaceId, [article.id], 'upsert');
  }

  private async lockOne(m: EntityManager, workspaceId: string, id: string): Promise<Article> {
    const article = await m.findOne(Article, { where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
    if (!article) throw new NotFoundError('article');
    return article;
  }

  private async checkFeature(m: EntityManager, workspaceId: string, featureId?: string | null): Promise<void> {
    if (featureId && !(await m.exists(Feature, { where: { id: featureId, workspaceId } }))) {
      throw new BadInputError('featureId does not name a feature of this workspace', 'featureId');
    }
  }

  private async recordRevision(m: EntityManager, a: Article, ctx: RequestContext): Promise<void> {
    await m.insert(ArticleRevision, {
      workspaceId: a.workspaceId,
      articleId: a.id,
      revision: a.revision,
      title: a.title,
      summary: a.summary,
      body: a.body,
      actor: ctx.principal?.apiKeyName ?? null,
    });
  }
}

function normalizeTags(tags?: string[] | null): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** Content fields an article cannot be without: `null` is refused for them (omit a field to keep it). */
const REQUIRED_FIELDS = new Set<string>(['slug', 'title', 'body', 'locale']);

/** The trimmed title; BAD_USER_INPUT when nothing but whitespace is left. */
function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new BadInputError('title must not be blank', 'title');
  return trimmed;
}

/**
 * Copies the given content fields onto the article; true when any value differs. `null` clears the optional fields
 * (summary, tags, feature) and is refused for the required ones (BAD_USER_INPUT), as is a blank title.
 */
function applyChanges(article: Article, input: UpdateArticleInput): boolean {
  let changed = false;
  for (const field of CONTENT_FIELDS) {
    let value = input[field] as unknown;
    if (value === undefined) continue;
    if (value === null && REQUIRED_FIELDS.has(field)) throw new BadInputError(`${field} cannot be null; leave it out to keep it`, field);
    if (field === 'tags') value = normalizeTags(value as string[] | null);
    else if (field === 'summary' && value === null) value = '';
    else if (field === 'title') value = checkTitle(value as string);
    else if (typeof value === 'string' && field !== 'body') value = value.trim();
    if (JSON.stringify(article[field]) !== JSON.stringify(value)) {
      (article as unknown as Record<string, unknown>)[field] = value;
      changed = true;
    }
  }
  return changed;
}
