import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MetricInterval } from './metric-period';
import { FeedbackMetricFilter } from '../feedback/dto/feedback-metric-filter';

/** What the feedback volume is split by. */
export enum FeedbackVolumeGroupBy {
  KIND = 'KIND',
  FEATURE = 'FEATURE',
  MILESTONE = 'MILESTONE',
  SOURCE = 'SOURCE',
}
registerEnumType(FeedbackVolumeGroupBy, { name: 'FeedbackVolumeGroupBy' });

/** The count of one group inside one bucket. */
@ObjectType()
export class FeedbackVolumeGroupCount {
  @Field(() => String, {
    nullable: true,
    description: 'Kind, source, or feature/milestone id; null for feedback without a feature/milestone.',
  })
  key: string | null;

  @Field()
  label: string;

  @Field(() => Int)
  count: number;
}

/** One time bucket of the series; every bucket of the range is present, empty ones with zero counts. */
@ObjectType()
export class FeedbackVolumeBucket {
  @Field({ description: 'Start of the local bucket, as an instant.' })
  start: Date;

  @Field({ description: 'End of the local bucket (exclusive), as an instant.' })
  end: Date;

  @Field({ description: 'Start of the bucket in local time with its UTC offset, e.g. 2026-03-08T00:00:00-05:00.' })
  localStart: string;

  @Field(() => [FeedbackVolumeGroupCount], { description: 'Every group seen in the range, zero when absent here.' })
  groups: FeedbackVolumeGroupCount[];

  @Field(() => Int)
  total: number;
}

/** A group's total over the range and over the previous period of equal length. */
@ObjectType()
export class FeedbackVolumeGroup {
  @Field(() => String, { nullable: true })
  key: string | null;

  @Field()
  label: string;

  @Field(() => Int)
  count: number;

  @Field(() => Int)
  previousCount: number;
}

/** Feedback counts over `[from, to)` per bucket and group, beside the previous period `[from - (to - from), from)`. */
@ObjectType()
export class FeedbackVolume {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field()
  previousFrom: Date;

  @Field()
  timeZone: string;

  @Field(() => MetricInterval)
  interval: MetricInterval;

  @Field(() => FeedbackVolumeGroupBy)
  groupBy: FeedbackVolumeGroupBy;

  @Field(() => [FeedbackVolumeBucket])
  buckets: FeedbackVolumeBucket[];

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Count over the previous period of equal length.' })
  previousTotal: number;

  @Field(() => [FeedbackVolumeGroup], { description: 'Groups of either period, largest first.' })
  groups: FeedbackVolumeGroup[];
}

/** Arguments of `feedbackVolume`. */
export interface FeedbackVolumeArgs {
  from: Date;
  to: Date;
  interval: MetricInterval;
  groupBy: FeedbackVolumeGroupBy;
  timeZone: string;
  filter?: FeedbackMetricFilter | null;
}
