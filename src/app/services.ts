import { DataSource } from 'typeorm';
import { WorkspaceService } from '../modules/workspaces/workspace.service';
import { ApiKeyService } from '../modules/workspaces/api-key.service';
import { CatalogService } from '../modules/catalog/catalog.service';
import { ArticleService } from '../modules/articles/article.service';
import { EnhancementService } from '../modules/enhancements/enhancement.service';
import { EnhancementLeadTimeService } from '../modules/metrics/enhancement-lead-time.service';
import { ArticleReindexService } from '../modules/articles/article-reindex.service';
import { FeedbackService } from '../modules/feedback/feedback.service';
import { PortalTokenService } from '../modules/portal/portal-token.service';
import { FeedbackVolumeService } from '../modules/metrics/feedback-volume.service';
import { FeedbackQualityService } from '../modules/metrics/feedback-quality.service';
import { EaseOfUseService } from '../modules/metrics/ease-of-use.service';
import { ArticleEffectivenessService } from '../modules/metrics/article-effectiveness.service';
import { ContentGapsService } from '../modules/metrics/content-gaps.service';
import { SearchOutboxStore } from '../core/search/outbox';
import { TimeZoneChecker } from '../modules/metrics/metric-period';
import { HelpEventService } from '../modules/help-events/help-event.service';
import { ArticleSearchService } from '../modules/article-search/article-search.service';
import { HelpSearchMetricsService } from '../modules/metrics/help-search-metrics.service';
import { SearchEngine } from '../core/search/search-engine';

/** Every service, built once per process and shared by all requests (they hold no request state). */
export interface Services {
  dataSource: DataSource;
  search: SearchEngine;
  outbox: SearchOutboxStore;
  workspaces: WorkspaceService;
  apiKeys: ApiKeyService;
  catalog: CatalogService;
  feedback: FeedbackService;
  feedbackVolume: FeedbackVolumeService;
  feedbackQuality: FeedbackQualityService;
  easeOfUse: EaseOfUseService;
  articleEffectiveness: ArticleEffectivenessService;
  contentGaps: ContentGapsService;
  articles: ArticleService;
  helpEvents: HelpEventService;
  articleSearch: ArticleSearchService;
  helpSearchMetrics: HelpSearchMetricsService;
  enhancements: EnhancementService;
  enhancementLeadTime: EnhancementLeadTimeService;
  articleReindex: ArticleReindexService;
  portalTokens: PortalTokenService;
}

/** Wires the services together. `onIndexChange` wakes the outbox worker after a write. */
export function createServices(dataSource: DataSource, search: SearchEngine, onIndexChange: () => void): Services {
  const outbox = new SearchOutboxStore(dataSource);
  const helpEvents = new HelpEventService(dataSource);
  // One cache of confirmed time-zone names for every bucketed metric.
  const zones = new TimeZoneChecker(dataSource);
  return {
    dataSource,
    search,
    outbox,
    workspaces: new WorkspaceService(dataSource),
    apiKeys: new ApiKeyService(dataSource),
    catalog: new CatalogService(dataSource),
    feedback: new FeedbackService(dataSource),
    feedbackVolume: new FeedbackVolumeService(dataSource, zones),
    feedbackQuality: new FeedbackQualityService(dataSource),
    easeOfUse: new EaseOfUseService(dataSource),
    articleEffectiveness: new ArticleEffectivenessService(dataSource),
    contentGaps: new ContentGapsService(dataSource),
    articles: new ArticleService(dataSource, outbox, onIndexChange),
    helpEvents,
    articleSearch: new ArticleSearchService(dataSource, search, helpEvents),
    helpSearchMetrics: new HelpSearchMetricsService(dataSource, zones),
    enhancements: new EnhancementService(dataSource),
    enhancementLeadTime: new EnhancementLeadTimeService(dataSource),
    articleReindex: new ArticleReindexService(dataSource, search),
    portalTokens: new PortalTokenService(search),
  };
}
