import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';

/** Which ease-of-use responses are measured; all optional, combined with AND. */
@InputType()
export class EaseOfUseFilter {
  @Field(() => GraphQLUUID, { nullable: true })
  featureId?: string | null;

  @Field(() => GraphQLUUID, { nullable: true })
  milestoneId?: string | null;

  @Field(() => String, { nullable: true, description: 'Compared case-insensitively (sources are stored lowercase).' })
  source?: string | null;
}

/** How many responses gave one Customer Effort Score. */
@ObjectType()
export class EaseOfUseScoreCount {
  @Field(() => Int, { description: '1 (very hard) to 7 (very easy).' })
  score: number;

  @Field(() => Int)
  count: number;
}

/**
 * Customer Effort Score figures of a set of responses (the whole range, one feature or one milestone). A base
 * class only: never returned itself, so it does not appear in the schema.
 */
@ObjectType()
export class EaseOfUseFigures {
  @Field(() => Int, { description: 'EASE_OF_USE feedback with an effort score.' })
  responses: number;

  @Field(() => Float, { nullable: true, description: 'Mean effort score (1-7); null when there are no responses.' })
  meanEffortScore: number | null;

  @Field(() => Int, { description: 'Responses with a score >= 5.' })
  easyResponses: number;

  @Field(() => Float, { nullable: true, description: 'easyResponses / responses; null when there are no responses.' })
  easyShare: number | null;

  @Field(() => [EaseOfUseScoreCount], { description: 'Count per score 1..7, all seven present.' })
  distribution: EaseOfUseScoreCount[];
}

/** Ease of use of one feature (featureId null: responses without a feature). */
@ObjectType()
export class EaseOfUseFeature extends EaseOfUseFigures {
  @Field(() => ID, { nullable: true })
  featureId: string | null;
}

/** Ease of use at one milestone (milestoneId null: responses without a milestone). */
@ObjectType()
export class EaseOfUseMilestone extends EaseOfUseFigures {
  @Field(() => ID, { nullable: true })
  milestoneId: string | null;
}

/** Customer Effort Score over the EASE_OF_USE feedback that occurred in [from, to), overall, per feature and milestone. */
@ObjectType()
export class EaseOfUse extends EaseOfUseFigures {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => [EaseOfUseFeature], { description: 'Per feature, most responses first; responses without a feature last.' })
  byFeature: EaseOfUseFeature[];

  @Field(() => [EaseOfUseMilestone], {
    description: 'Per milestone in journey order (position); responses without a milestone last.',
  })
  byMilestone: EaseOfUseMilestone[];
}

/** Arguments of `easeOfUse`. */
export interface EaseOfUseArgs {
  from: Date;
  to: Date;
  filter?: EaseOfUseFilter | null;
}
