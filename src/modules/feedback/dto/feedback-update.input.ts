import { Field, InputType, Int } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';

/**
 * Triage changes to one stored item. A field left out keeps its stored value; `null` clears it (for `text`, which
 * cannot be empty, null is refused). The merged item is checked by the same rules as on submit.
 */
@InputType()
export class UpdateFeedbackInput {
  @Field(() => String, { nullable: true, description: '1 to 20,000 characters.' })
  text?: string | null;

  @Field(() => Int, { nullable: true, description: 'Satisfaction rating, 1 to 5; null clears it.' })
  rating?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Customer Effort Score 1-7; EASE_OF_USE only, and required there (cannot be cleared).',
  })
  effortScore?: number | null;

  @Field(() => String, { nullable: true, description: 'Null clears it.' })
  externalAccountId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags; null clears them.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Give featureId or featureKey; null clears the feature.' })
  featureKey?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  featureId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Give milestoneId or milestoneKey; null clears the milestone (refused for MILESTONE feedback).',
  })
  milestoneKey?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  milestoneId?: string | null;
}
