import { Field, InputType, Int } from 'type-graphql';
import { GraphQLJSONObject, GraphQLUUID } from 'graphql-scalars';
import { FeedbackKind } from '../feedback.entity';
import { FeedbackMetricFilter } from './feedback-metric-filter';

/**
 * One piece of feedback to store. Checked by `validateFeedbackInput` (not by class-validator) so that a batch can
 * report each bad item on its own instead of refusing the whole request.
 */
@InputType()
export class SubmitFeedbackInput {
  @Field(() => FeedbackKind)
  kind: FeedbackKind;

  @Field({ description: '1 to 20,000 characters.' })
  text: string;

  @Field(() => Int, { nullable: true, description: 'Satisfaction rating, 1 to 5.' })
  rating?: number | null;

  @Field(() => Int, { nullable: true, description: 'Customer Effort Score 1-7; required for EASE_OF_USE only.' })
  effortScore?: number | null;

  @Field({ description: 'Where it came from: lowercase letters, digits, ".", "_" or "-", at most 64.' })
  source: string;

  @Field(() => String, { nullable: true, description: 'Idempotency key within the source.' })
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  externalAccountId?: string | null;

  @Field(() => String, { nullable: true })
  externalUserId?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'At most 16 kB once serialized.' })
  metadata?: Record<string, unknown> | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to now; at most 5 minutes in the future.' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true })
  featureKey?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  featureId?: string | null;

  @Field(() => String, { nullable: true })
  milestoneKey?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  milestoneId?: string | null;
}

/** Filters of the feedback list: those of the feedback metrics plus time, text and quality; combined with AND. */
@InputType()
export class FeedbackFilter extends FeedbackMetricFilter {
  @Field(() => Date, { nullable: true, description: 'occurredAt >= from.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'occurredAt < to.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the text.' })
  text?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only items with qualityScore >= minQuality.' })
  minQuality?: number | null;
}
