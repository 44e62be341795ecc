import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { MetricInterval } from './metric-period';

/** Optional filters of the help-search metrics: they select the searches and views measured. */
@InputType()
export class HelpSearchMetricsFilter {
  @Field({ nullable: true, description: 'Searches made with this locale, views of articles in this locale.' })
  @IsOptional()
  @MaxLength(35)
  locale?: string;

  @Field({ nullable: true, description: 'Only searches and views from this channel (portal, in_app, ...).' })
  @IsOptional()
  @MaxLength(40)
  channel?: string;
}

/**
 * The counts and rates of a set of searches and help sessions (the whole range, or one bucket). A base class only:
 * never returned itself, so it does not appear in the schema.
 */
@ObjectType()
export class HelpSearchFigures {
  @Field(() => Int, { description: 'SEARCH events in range, after as-you-type collapsing.' })
  searches: number;

  @Field(() => Int, { description: 'Counted searches with 0 hits.' })
  noResultSearches: number;

  @Field(() => Int, { description: 'Counted searches with at least one click.' })
  clickedSearches: number;

  @Field(() => Int, { description: 'Clicks on counted searches (whenever they happened).' })
  clicks: number;

  @Field(() => Int, { description: 'Counted searches with a click or a helpful vote, failed by no support contact.' })
  successfulSearches: number;

  @Field(() => Int, { description: 'Sessions with at least one counted search or article view in range.' })
  helpSessions: number;

  @Field(() => Int, { description: 'Help sessions none of whose searches or views a support contact failed.' })
  resolvedHelpSessions: number;

  @Field(() => Float, { nullable: true, description: 'noResultSearches / searches.' })
  noResultRate: number | null;

  @Field(() => Float, { nullable: true, description: 'clickedSearches / searches.' })
  clickThroughRate: number | null;

  @Field(() => Float, { nullable: true, description: 'clicks / searches.' })
  clicksPerSearch: number | null;

  @Field(() => Float, { nullable: true, description: 'Searches with hits and no click / searches with hits.' })
  noClickRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean 1-based position of the clicks.' })
  averageClickPosition: number | null;

  @Field(() => Float, { nullable: true, description: 'successfulSearches / searches.' })
  searchSuccessRate: number | null;

  @Field(() => Float, { nullable: true, description: 'resolvedHelpSessions / helpSessions.' })
  selfServiceResolutionRate: number | null;
}

/** One time bucket `[start, end)`; a session belongs to the bucket of its first counted search or view. */
@ObjectType()
export class HelpSearchBucket extends HelpSearchFigures {
  @Field({ description: 'Bucket start (local midnight / Monday / first of month in the time zone), as an instant.' })
  start: Date;

  @Field()
  end: Date;
}

/** A normalized query and how its counted searches went. */
@ObjectType()
export class HelpSearchQueryStat {
  @Field({ description: 'Normalized: case-folded, trimmed, inner whitespace collapsed.' })
  query: string;

  @Field(() => Int, { description: 'Counted searches (for topFailedQueries: failed ones, no results or no click).' })
  count: number;

  @Field(() => Int, { description: 'Of those, searches with 0 hits.' })
  noResultCount: number;

  @Field(() => Int, { description: 'Of those, searches with a click (always 0 in topFailedQueries).' })
  clickedCount: number;
}

/** Help-search analytics over `[from, to)`, as defined in DESIGN.md. */
@ObjectType()
export class HelpSearchMetrics extends HelpSearchFigures {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field()
  timeZone: string;

  @Field(() => MetricInterval)
  interval: MetricInterval;

  @Field(() => Int)
  resolutionWindowMinutes: number;

  @Field(() => [HelpSearchBucket], { description: 'Every bucket overlapping the range, empty ones included.' })
  series: HelpSearchBucket[];

  @Field(() => [HelpSearchQueryStat], { description: 'The 10 most searched normalized queries.' })
  topQueries: HelpSearchQueryStat[];

  @Field(() => [HelpSearchQueryStat], { description: 'The 10 normalized queries failing most (no results or no click).' })
  topFailedQueries: HelpSearchQueryStat[];
}
