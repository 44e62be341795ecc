import DataLoader from 'dataloader';
import type { Services } from './services';
import { Feature } from '../modules/catalog/feature.entity';
import { Milestone } from '../modules/catalog/milestone.entity';
import { Article } from '../modules/articles/article.entity';
import { ArticleRevision } from '../modules/articles/article-revision.entity';
import { EnhancementStatusChange } from '../modules/enhancements/enhancement-status-change.entity';

/** Per-request batch loaders, scoped to the caller's workspace: ids of other workspaces load as null. */
export interface Loaders {
  featureById: DataLoader<string, Feature | null>;
  milestoneById: DataLoader<string, Milestone | null>;
  articleById: DataLoader<string, Article | null>;
  revisionsByArticleId: DataLoader<string, ArticleRevision[]>;
  linkedFeedbackCountByEnhancementId: DataLoader<string, number>;
  statusHistoryByEnhancementId: DataLoader<string, EnhancementStatusChange[]>;
}

/** Builds fresh loaders for one request. Without a workspace every load answers empty (null, [] or 0). */
export function createLoaders(services: Services, workspaceId: string | undefined): Loaders {
  const scoped = <T>(empty: T, fn: (ws: string, ids: readonly string[]) => Promise<T[]>) =>
    new DataLoader<string, T>((ids) => (workspaceId ? fn(workspaceId, ids) : Promise.resolve(ids.map(() => empty))));
  return {
    featureById: scoped<Feature | null>(null, (ws, ids) => services.catalog.featuresByIds(ws, ids)),
    milestoneById: scoped<Milestone | null>(null, (ws, ids) => services.catalog.milestonesByIds(ws, ids)),
    articleById: scoped<Article | null>(null, (ws, ids) => services.articles.byIds(ws, ids)),
    revisionsByArticleId: scoped<ArticleRevision[]>([], (ws, ids) => services.articles.revisionsByArticle(ws, ids)),
    linkedFeedbackCountByEnhancementId: scoped(0, (ws, ids) => services.enhancements.linkedFeedbackCounts(ws, ids)),
    statusHistoryByEnhancementId: scoped<EnhancementStatusChange[]>([], (ws, ids) =>
      services.enhancements.statusHistories(ws, ids),
    ),
  };
}
