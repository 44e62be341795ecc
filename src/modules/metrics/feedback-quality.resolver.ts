import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { FeedbackQuality, FeedbackQualityFeature } from './feedback-quality.types';
import { Feature } from '../catalog/feature.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';
import { FeedbackMetricFilter } from '../feedback/dto/feedback-metric-filter';

/** The `feedbackQuality` metric query. */
@Resolver()
export class FeedbackQualityResolver {
  @Query(() => FeedbackQuality, {
    description:
      'Quality score aggregates of the feedback that occurred in [from, to): mean, median, 10-bar histogram, ' +
      'share of actionable items (score >= 60), signal prevalence, and per feature.',
  })
  feedbackQuality(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('filter', () => FeedbackMetricFilter, { nullable: true }) filter?: FeedbackMetricFilter,
  ): Promise<FeedbackQuality> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.feedbackQuality.quality(ctx, { from, to, filter });
  }
}

/** Resolves the feature of a per-feature quality row through the request's loader. */
@Resolver(() => FeedbackQualityFeature)
export class FeedbackQualityFeatureResolver {
  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() row: FeedbackQualityFeature, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return row.featureId ? ctx.loaders.featureById.load(row.featureId) : null;
  }
}
