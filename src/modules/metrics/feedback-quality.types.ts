import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FeedbackMetricFilter } from '../feedback/dto/feedback-metric-filter';

/** One bar of the quality histogram: scores in [lower, upper), the last bar [90, 100] closed. */
@ObjectType()
export class FeedbackQualityBucket {
  @Field(() => Int, { description: 'Lowest score of the bar (inclusive).' })
  lower: number;

  @Field(() => Int, { description: 'Upper bound: exclusive, except 100 for the last bar [90, 100].' })
  upper: number;

  @Field(() => Int)
  count: number;
}

/** How often one quality signal is present among the measured items. */
@ObjectType()
export class FeedbackQualitySignalShare {
  @Field({ description: 'Signal name as stored, e.g. enoughWords, describesSteps.' })
  name: string;

  @Field(() => Int, { description: 'Items whose stored signals mark it present (true).' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'count / items; null when there are no items.' })
  share: number | null;
}

/** Quality aggregates of the items of one feature (featureId null: items without a feature). */
@ObjectType()
export class FeedbackQualityFeature {
  @Field(() => ID, { nullable: true })
  featureId: string | null;

  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of items with score >= 60; null when count is 0.' })
  actionableShare: number | null;
}

/** Aggregates of the 0-100 feedback quality score over the items that occurred in [from, to). */
@ObjectType()
export class FeedbackQuality {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => Int, { description: 'Items that occurred in [from, to) and pass the filter.' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'Mean score; null when count is 0.' })
  mean: number | null;

  @Field(() => Float, { nullable: true, description: 'Median score, interpolated like percentile_cont(0.5).' })
  p50: number | null;

  @Field(() => Int, { description: 'Items with score >= 60.' })
  actionableCount: number;

  @Field(() => Float, { nullable: true, description: 'actionableCount / count; null when count is 0.' })
  actionableShare: number | null;

  @Field(() => [FeedbackQualityBucket], { description: '10 bars [0,10) ... [90,100], all present.' })
  histogram: FeedbackQualityBucket[];

  @Field(() => [FeedbackQualitySignalShare], {
    description: 'Every documented signal (and any other stored one), in the order of the weights table.',
  })
  signals: FeedbackQualitySignalShare[];

  @Field(() => [FeedbackQualityFeature], { description: 'Per feature, most items first; items without a feature last.' })
  byFeature: FeedbackQualityFeature[];
}

/** Arguments of `feedbackQuality`. */
export interface FeedbackQualityArgs {
  from: Date;
  to: Date;
  filter?: FeedbackMetricFilter | null;
}
