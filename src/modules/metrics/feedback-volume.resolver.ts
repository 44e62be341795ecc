import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FeedbackVolume, FeedbackVolumeGroupBy } from './feedback-volume.types';
import { MetricInterval } from './metric-period';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';
import { FeedbackMetricFilter } from '../feedback/dto/feedback-metric-filter';

/** The feedback volume metric. */
@Resolver()
export class FeedbackVolumeResolver {
  @Query(() => FeedbackVolume, {
    description:
      'Feedback counts over [from, to) per local bucket and group, with the previous period of equal length. ' +
      'At most 5 years and 2,000 buckets.',
  })
  feedbackVolume(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('interval', () => MetricInterval) interval: MetricInterval,
    @Arg('groupBy', () => FeedbackVolumeGroupBy) groupBy: FeedbackVolumeGroupBy,
    @Arg('timeZone', () => String, { defaultValue: 'UTC', description: 'IANA zone of the buckets.' }) timeZone: string,
    @Arg('filter', () => FeedbackMetricFilter, { nullable: true }) filter?: FeedbackMetricFilter,
  ): Promise<FeedbackVolume> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.feedbackVolume.volume(ctx, { from, to, interval, groupBy, timeZone, filter });
  }
}
