import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EaseOfUse, EaseOfUseFeature, EaseOfUseFilter, EaseOfUseMilestone } from './ease-of-use.types';
import { Feature } from '../catalog/feature.entity';
import { Milestone } from '../catalog/milestone.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** The `easeOfUse` metric query. */
@Resolver()
export class EaseOfUseResolver {
  @Query(() => EaseOfUse, {
    description:
      'Customer Effort Score of the EASE_OF_USE feedback that occurred in [from, to): responses, mean, share of ' +
      'scores >= 5 and the count per score, overall, per feature and per milestone.',
  })
  easeOfUse(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('filter', () => EaseOfUseFilter, { nullable: true }) filter?: EaseOfUseFilter,
  ): Promise<EaseOfUse> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.easeOfUse.easeOfUse(ctx, { from, to, filter });
  }
}

/** Resolves the feature of a per-feature ease-of-use row through the request's loader. */
@Resolver(() => EaseOfUseFeature)
export class EaseOfUseFeatureResolver {
  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() row: EaseOfUseFeature, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return row.featureId ? ctx.loaders.featureById.load(row.featureId) : null;
  }
}

/** Resolves the milestone of a per-milestone ease-of-use row through the request's loader. */
@Resolver(() => EaseOfUseMilestone)
export class EaseOfUseMilestoneResolver {
  @FieldResolver(() => Milestone, { nullable: true })
  milestone(@Root() row: EaseOfUseMilestone, @Ctx() ctx: RequestContext): Promise<Milestone | null> | null {
    return row.milestoneId ? ctx.loaders.milestoneById.load(row.milestoneId) : null;
  }
}
