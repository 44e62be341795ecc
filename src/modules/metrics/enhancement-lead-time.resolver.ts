import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { EnhancementFeatureLeadTime, EnhancementLeadTimeReport } from './enhancement-lead-time.types';
import { Feature } from '../catalog/feature.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** The `enhancementLeadTime` metric query. */
@Resolver(() => EnhancementLeadTimeReport)
export class EnhancementLeadTimeResolver {
  @Query(() => EnhancementLeadTimeReport, {
    description: 'Lead and cycle time of enhancements shipped in [from, to), open age at `to`, delivered-demand ratio.',
  })
  enhancementLeadTime(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('featureId', () => GraphQLUUID, { nullable: true }) featureId?: string,
  ): Promise<EnhancementLeadTimeReport> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.enhancementLeadTime.report(ctx, from, to, featureId);
  }
}

/** Resolves the feature of a per-feature lead-time row through the request's loader. */
@Resolver(() => EnhancementFeatureLeadTime)
export class EnhancementFeatureLeadTimeResolver {
  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() row: EnhancementFeatureLeadTime, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return row.featureId ? ctx.loaders.featureById.load(row.featureId) : null;
  }
}
