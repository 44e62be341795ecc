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

/** Builds fresh loaders for one request. Without a workspace every load answers null. */
export function createLoaders(services: Services, workspaceId: string | undefined): Loaders {
  const scoped = <T>(fn: (ws: string, ids: readonly string[]) => Promise<(T | null)[]>) =>
    new DataLoader<string, T | null>((ids) => (workspaceId ? fn(workspaceId, ids) : Promise.resolve(ids.map(() => null))));
  return {
    featureById: scoped((ws, ids) => services.catalog.featuresByIds(ws, ids)),
    milestoneById: scoped((ws, ids) => services.catalog.milestonesByIds(ws, ids)),
    articleById: scoped((ws, ids) => services.articles.byIds(ws, ids)),
    revisionsByArticleId: new DataLoader((ids) =>
      workspaceId ? services.articles.revisionsByArticle(workspaceId, ids) : Promise.resolve(ids.map(() => [])),
    ),
    linkedFeedbackCountByEnhancementId: new DataLoader((ids) => services.enhancements.linkedFeedbackCounts(workspaceId, ids)),
    statusHistoryByEnhancementId: new DataLoader((ids) => services.enhancements.statusHistories(workspaceId, ids)),
  };
}
