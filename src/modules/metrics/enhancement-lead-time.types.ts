import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/** Count, mean and continuous percentiles of a set of durations in seconds; null figures when the set is empty. */
@ObjectType('EnhancementDurationStats', { description: 'Durations in seconds; mean and percentiles null when count is 0.' })
export class EnhancementDurationStats {
  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true, description: 'Median, interpolated like percentile_cont(0.5).' })
  p50: number | null;

  @Field(() => Float, { nullable: true, description: 'Interpolated like percentile_cont(0.9).' })
  p90: number | null;
}

/** Lead and cycle time of the enhancements of one feature (featureId null: enhancements without a feature). */
@ObjectType()
export class EnhancementFeatureLeadTime {
  @Field(() => ID, { nullable: true })
  featureId: string | null;

  @Field(() => EnhancementDurationStats)
  lead: EnhancementDurationStats;

  @Field(() => EnhancementDurationStats)
  cycle: EnhancementDurationStats;
}

/** How fast feedback turns into shipped enhancements (definitions in docs/enhancements.md). */
@ObjectType()
export class EnhancementLeadTimeReport {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => EnhancementDurationStats, {
    description: 'shippedAt - earliest of (linked feedback occurredAt, createdAt), for enhancements shipped in [from, to).',
  })
  lead: EnhancementDurationStats;

  @Field(() => EnhancementDurationStats, {
    description: 'shippedAt - first move into IN_PROGRESS of the shipping cycle; enhancements never IN_PROGRESS are left out.',
  })
  cycle: EnhancementDurationStats;

  @Field(() => [EnhancementFeatureLeadTime], { description: 'Per feature, most shipped first.' })
  byFeature: EnhancementFeatureLeadTime[];

  @Field(() => EnhancementDurationStats, { description: 'Age at `to` of enhancements created before `to` and still open.' })
  openAge: EnhancementDurationStats;

  @Field(() => Int, { description: 'Distinct feedback linked to the enhancements shipped in [from, to).' })
  deliveredFeedback: number;

  @Field(() => Int, { description: 'Distinct feedback linked to those or to enhancements still open.' })
  demandFeedback: number;

  @Field(() => Float, { nullable: true, description: 'deliveredFeedback / demandFeedback; null when demandFeedback is 0.' })
  deliveredDemandRatio: number | null;
}
