import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { FeedbackKind } from '../feedback.entity';

/** Which feedback a feedback metric (volume, quality) measures; all optional, combined with AND. */
@InputType()
export class FeedbackMetricFilter {
  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind | null;

  @Field(() => GraphQLUUID, { nullable: true })
  featureId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  milestoneId?: string | null;

  @Field(() => String, { nullable: true, description: 'Compared case-insensitively (sources are stored lowercase).' })
  source?: string | null;
}
