import { DataSource } from 'typeorm';
import { HelpEventService } from './help-event.service';
import { ArticleSearchService } from '../article-search/article-search.service';
import { HelpSearchMetricsService } from '../metrics/help-search-metrics.service';
import { SearchEngine } from '../../core/search/search-engine';

/** The services of self-help: event ingestion, article search (which records searches) and help-search metrics. */
export interface HelpServices {
  helpEvents: HelpEventService;
  articleSearch: ArticleSearchService;
  helpSearchMetrics: HelpSearchMetricsService;
}

/** Builds the {@link HelpServices} (spread into the composition root's `createServices`). */
export function createHelpServices(dataSource: DataSource, search: SearchEngine): HelpServices {
  const helpEvents = new HelpEventService(dataSource);
  return {
    helpEvents,
    articleSearch: new ArticleSearchService(dataSource, search, helpEvents),
    helpSearchMetrics: new HelpSearchMetricsService(dataSource),
  };
}
