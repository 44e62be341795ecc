import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Feature } from './feature.entity';
import { Milestone } from './milestone.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** Feature catalogue and milestones. */
@Resolver()
export class CatalogResolver {
  @Query(() => [Feature])
  features(@Ctx() ctx: RequestContext): Promise<Feature[]> {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE, Scope.INGEST);
    return ctx.services.catalog.features(ctx);
  }

  @Query(() => [Milestone], { description: 'Milestones in journey order.' })
  milestones(@Ctx() ctx: RequestContext): Promise<Milestone[]> {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE, Scope.INGEST);
    return ctx.services.catalog.milestones(ctx);
  }

  @Mutation(() => Feature)
  createFeature(
    @Ctx() ctx: RequestContext,
    @Arg('key') key: string,
    @Arg('name') name: string,
    @Arg('parentId', () => GraphQLUUID, { nullable: true }) parentId?: string,
  ): Promise<Feature> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.catalog.createFeature(ctx, key, name, parentId);
  }

  @Mutation(() => Milestone)
  createMilestone(
    @Ctx() ctx: RequestContext,
    @Arg('key') key: string,
    @Arg('name') name: string,
    @Arg('position', () => Int, { nullable: true }) position?: number,
  ): Promise<Milestone> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.catalog.createMilestone(ctx, key, name, position);
  }
}
