import { Article, ArticleStatus } from './article.entity';
import { markdownToPlainText } from './markdown';
import { ArticleService } from './article.service';
import { ArticleDocument, SearchEngine } from '../../core/search/search-engine';
import { OutboxItem } from '../../core/search/outbox';

/** The index document of an article. */
export function toDocument(a: Article): ArticleDocument {
  return {
    id: a.id,
    workspaceId: a.workspaceId,
    slug: a.slug,
    title: a.title,
    summary: a.summary,
    body: markdownToPlainText(a.body),
    locale: a.locale,
    tags: a.tags,
    featureId: a.featureId,
    status: a.status,
    updatedAt: a.updatedAt.getTime(),
  };
}

/** True when the article belongs in the search index (published and not deleted). */
export function isSearchable(a: Article): boolean {
  return a.status === ArticleStatus.PUBLISHED && !a.deletedAt;
}

/**
 * Applies outbox items to the search engine. It always indexes an article's *current* state (whatever the queued
 * action said), so replays and out-of-order batches converge on PostgreSQL.
 */
export class ArticleIndexer {
  constructor(
    private readonly articles: ArticleService,
    private readonly engine: SearchEngine,
  ) {}

  async apply(items: OutboxItem[]): Promise<void> {
    const ids = [...new Set(items.map((i) => i.articleId))];
    const rows = await this.articles.forIndexing(ids);
    const found = new Map(rows.map((r) => [r.id, r]));
    const upserts = rows.filter(isSearchable).map(toDocument);
    const removals = ids.filter((id) => !found.has(id) || !isSearchable(found.get(id)!));
    await this.engine.upsert(upserts);
    await this.engine.remove(removals);
  }
}
