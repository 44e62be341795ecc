import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Feedback } from './feedback.entity';
import { FeedbackFilter, SubmitFeedbackInput } from './dto/feedback.input';
import { UpdateFeedbackInput } from './dto/feedback-update.input';
import { FeedbackItemResult, QualitySignal, SubmitFeedbackPayload } from './feedback-result.types';
import { QUALITY_WEIGHTS, QualitySignalName } from './quality';
import { Feature } from '../catalog/feature.entity';
import { Milestone } from '../catalog/milestone.entity';
import { ConnectionType } from '../../core/graphql/connection';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** A page of feedback. */
export const FeedbackConnection = ConnectionType(Feedback, 'Feedback');

/** Feedback ingestion (single and batch), triage and browsing. */
@Resolver(() => Feedback)
export class FeedbackResolver {
  @Mutation(() => SubmitFeedbackPayload, { description: 'Stores one item; idempotent on (source, externalId).' })
  submitFeedback(@Ctx() ctx: RequestContext, @Arg('input') input: SubmitFeedbackInput): Promise<SubmitFeedbackPayload> {
    requireScope(ctx.principal, Scope.INGEST, Scope.WRITE);
    return ctx.services.feedback.submit(ctx, input);
  }

  @Mutation(() => [FeedbackItemResult], {
    description: 'Stores up to 1,000 items; each is validated on its own and reported in input order.',
  })
  submitFeedbackBatch(
    @Ctx() ctx: RequestContext,
    @Arg('items', () => [SubmitFeedbackInput]) items: SubmitFeedbackInput[],
  ): Promise<FeedbackItemResult[]> {
    requireScope(ctx.principal, Scope.INGEST, Scope.WRITE);
    return ctx.services.feedback.submitBatch(ctx, items);
  }

  @Mutation(() => Feedback, {
    description:
      'Triage one item: fields left out keep their value, null clears them. Checked like submitFeedback; the quality ' +
      'score and near-duplicate link are recomputed. Scope write.',
  })
  updateFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => UpdateFeedbackInput) input: UpdateFeedbackInput,
  ): Promise<Feedback> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.feedback.update(ctx, id, input);
  }

  @Query(() => Feedback)
  feedback(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<Feedback> {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE);
    return ctx.services.feedback.get(ctx, id);
  }

  @Query(() => FeedbackConnection, { description: 'Feedback, most recent occurredAt first.' })
  feedbackList(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter?: FeedbackFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE);
    return ctx.services.feedback.list(ctx, filter ?? {}, first, after);
  }

  @FieldResolver(() => [QualitySignal], { description: 'The signals behind qualityScore and their weights.' })
  qualitySignals(@Root() feedback: Feedback): QualitySignal[] {
    return (Object.keys(QUALITY_WEIGHTS) as QualitySignalName[]).map((name) => ({
      name,
      present: Boolean(feedback.qualitySignals?.[name]),
      weight: QUALITY_WEIGHTS[name],
    }));
  }

  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() feedback: Feedback, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return feedback.featureId ? ctx.loaders.featureById.load(feedback.featureId) : null;
  }

  @FieldResolver(() => Milestone, { nullable: true })
  milestone(@Root() feedback: Feedback, @Ctx() ctx: RequestContext): Promise<Milestone | null> | null {
    return feedback.milestoneId ? ctx.loaders.milestoneById.load(feedback.milestoneId) : null;
  }
}
