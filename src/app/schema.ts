import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import { WorkspaceResolver } from '../modules/workspaces/workspace.resolver';
import { CatalogResolver } from '../modules/catalog/catalog.resolver';
import { ArticleResolver } from '../modules/articles/article.resolver';
import { ArticleSearchResolver } from '../modules/article-search/article-search.resolver';
import { HelpEventResolver } from '../modules/help-events/help-event.resolver';
import { HelpSearchMetricsResolver } from '../modules/metrics/help-search-metrics.resolver';
import { EnhancementResolver } from '../modules/enhancements/enhancement.resolver';
import { EnhancementFeatureLeadTimeResolver, EnhancementLeadTimeResolver } from '../modules/metrics/enhancement-lead-time.resolver';
import { ArticleReindexResolver } from '../modules/articles/article-reindex.resolver';
import { FeedbackResolver } from '../modules/feedback/feedback.resolver';
import { FeedbackVolumeResolver } from '../modules/metrics/feedback-volume.resolver';
import { FeedbackQualityFeatureResolver, FeedbackQualityResolver } from '../modules/metrics/feedback-quality.resolver';
import { EaseOfUseFeatureResolver, EaseOfUseMilestoneResolver, EaseOfUseResolver } from '../modules/metrics/ease-of-use.resolver';
import { PortalResolver } from '../modules/portal/portal.resolver';
import { ArticleEffectivenessResolver } from '../modules/metrics/article-effectiveness.resolver';
import { ContentGapsResolver } from '../modules/metrics/content-gaps.resolver';

/** Every resolver class of the API, grouped by domain. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  WorkspaceResolver,
  CatalogResolver,
  PortalResolver,
  ArticleResolver,
  ArticleReindexResolver,
  ArticleSearchResolver,
  HelpEventResolver,
  FeedbackResolver,
  EnhancementResolver,
  HelpSearchMetricsResolver,
  ArticleEffectivenessResolver,
  ContentGapsResolver,
  FeedbackVolumeResolver,
  FeedbackQualityResolver,
  FeedbackQualityFeatureResolver,
  EaseOfUseResolver,
  EaseOfUseFeatureResolver,
  EaseOfUseMilestoneResolver,
  EnhancementLeadTimeResolver,
  EnhancementFeatureLeadTimeResolver,
];

let built: GraphQLSchema | undefined;

/** Builds (once) the executable schema from the resolver classes. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= await buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  return built;
}

/** The schema as SDL, sorted, exactly as committed in `schema/schema.graphql`. */
export async function printAppSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}
