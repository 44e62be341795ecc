import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { HelpSearchMetrics, HelpSearchMetricsFilter } from './help-search-metrics.types';
import { MetricInterval } from './metric-period';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** Help-search analytics for product managers. */
@Resolver()
export class HelpSearchMetricsResolver {
  @Query(() => HelpSearchMetrics, {
    description: 'Help-search metrics over [from, to), bucketed in timeZone (definitions in DESIGN.md).',
  })
  helpSearchMetrics(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('timeZone', () => String, { defaultValue: 'UTC', description: 'IANA zone, e.g. America/New_York.' })
    timeZone: string,
    @Arg('interval', () => MetricInterval, { defaultValue: MetricInterval.DAY }) interval: MetricInterval,
    @Arg('resolutionWindowMinutes', () => Int, {
      defaultValue: 60,
      description: 'A support contact up to this long after a search or view fails it.',
    })
    resolutionWindowMinutes: number,
    @Arg('filter', () => HelpSearchMetricsFilter, { nullable: true }) filter?: HelpSearchMetricsFilter,
  ): Promise<HelpSearchMetrics> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.helpSearchMetrics.metrics(ctx, { from, to, timeZone, interval, resolutionWindowMinutes, filter });
  }
}
