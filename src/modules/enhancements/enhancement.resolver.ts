import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Enhancement, EnhancementStatus } from './enhancement.entity';
import { EnhancementStatusChange } from './enhancement-status-change.entity';
import { CreateEnhancementInput, EnhancementFilter, UpdateEnhancementInput } from './dto/enhancement.input';
import { Feature } from '../catalog/feature.entity';
import { ConnectionType } from '../../core/graphql/connection';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** A page of enhancements. */
export const EnhancementConnection = ConnectionType(Enhancement, 'Enhancement');

const READERS = [Scope.READ, Scope.WRITE];

/** Enhancement queries and mutations: the improvement requests feedback is linked to, and the changelog. */
@Resolver(() => Enhancement)
export class EnhancementResolver {
  @Query(() => Enhancement)
  enhancement(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<Enhancement> {
    requireScope(ctx.principal, ...READERS);
    return ctx.services.enhancements.get(ctx, id);
  }

  @Query(() => EnhancementConnection, { description: 'Enhancements, newest first.' })
  enhancements(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => EnhancementFilter, { nullable: true }) filter?: EnhancementFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    requireScope(ctx.principal, ...READERS);
    return ctx.services.enhancements.list(ctx, filter ?? {}, first, after);
  }

  @Query(() => EnhancementConnection, {
    description: 'Enhancements shipped in [from, to) and still shipped, most recently shipped first.',
  })
  changelog(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    requireScope(ctx.principal, ...READERS);
    return ctx.services.enhancements.changelog(ctx, from, to, first, after);
  }

  @Mutation(() => Enhancement)
  createEnhancement(@Ctx() ctx: RequestContext, @Arg('input') input: CreateEnhancementInput): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.create(ctx, input);
  }

  @Mutation(() => Enhancement)
  updateEnhancement(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input') input: UpdateEnhancementInput,
  ): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.update(ctx, id, input);
  }

  @Mutation(() => Enhancement, {
    description: 'Moves an enhancement along its workflow (see docs/enhancements.md); CONFLICT for illegal moves.',
  })
  setEnhancementStatus(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('status', () => EnhancementStatus) status: EnhancementStatus,
    @Arg('at', () => Date, { nullable: true, description: 'Backfill time; not before the last change, not in the future.' })
    at?: Date,
    @Arg('actor', () => String, { nullable: true, description: 'Defaults to the API key name.' }) actor?: string,
  ): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.setStatus(ctx, id, status, { at, actor });
  }

  @Mutation(() => Enhancement, { description: 'Links feedback to an enhancement; idempotent.' })
  linkFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('enhancementId', () => GraphQLUUID) enhancementId: string,
    @Arg('feedbackIds', () => [GraphQLUUID]) feedbackIds: string[],
  ): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.linkFeedback(ctx, enhancementId, feedbackIds);
  }

  @Mutation(() => Enhancement, { description: 'Unlinks feedback from an enhancement; idempotent.' })
  unlinkFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('enhancementId', () => GraphQLUUID) enhancementId: string,
    @Arg('feedbackIds', () => [GraphQLUUID]) feedbackIds: string[],
  ): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.unlinkFeedback(ctx, enhancementId, feedbackIds);
  }

  @Mutation(() => Enhancement, {
    description: 'Merges the source into the target: links move, the source is DECLINED with mergedIntoId. Returns the target.',
  })
  mergeEnhancements(
    @Ctx() ctx: RequestContext,
    @Arg('sourceId', () => GraphQLUUID) sourceId: string,
    @Arg('targetId', () => GraphQLUUID) targetId: string,
    @Arg('at', () => Date, { nullable: true }) at?: Date,
    @Arg('actor', () => String, { nullable: true }) actor?: string,
  ): Promise<Enhancement> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.enhancements.merge(ctx, sourceId, targetId, { at, actor });
  }

  @FieldResolver(() => [EnhancementStatusChange], { description: 'Every status change, oldest first.' })
  statusHistory(@Root() e: Enhancement, @Ctx() ctx: RequestContext): Promise<EnhancementStatusChange[]> {
    return ctx.loaders.statusHistoryByEnhancementId.load(e.id);
  }

  @FieldResolver(() => Int, { description: 'Number of feedback items linked to this enhancement.' })
  linkedFeedbackCount(@Root() e: Enhancement, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.loaders.linkedFeedbackCountByEnhancementId.load(e.id);
  }

  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() e: Enhancement, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return e.featureId ? ctx.loaders.featureById.load(e.featureId) : null;
  }
}
