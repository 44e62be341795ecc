import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { IsOptional, MaxLength } from 'class-validator';
import { Article } from '../articles/article.entity';
import { ConnectionType } from '../../core/graphql/connection';
import { SortDirection } from '../../core/graphql/sort-direction';

/** What an article-effectiveness list can be sorted by (nulls always sort last). */
export enum ArticleEffectivenessOrderField {
  VIEWS = 'VIEWS',
  UNIQUE_VIEWERS = 'UNIQUE_VIEWERS',
  HELPFULNESS = 'HELPFULNESS',
  HELPFULNESS_LOWER_BOUND = 'HELPFULNESS_LOWER_BOUND',
  CONTACT_AFTER_VIEW_RATE = 'CONTACT_AFTER_VIEW_RATE',
  DEFLECTION_RATE = 'DEFLECTION_RATE',
  CLICK_THROUGH_RATE = 'CLICK_THROUGH_RATE',
  IMPRESSIONS = 'IMPRESSIONS',
  CLICKS = 'CLICKS',
  DAYS_SINCE_UPDATE = 'DAYS_SINCE_UPDATE',
}
registerEnumType(ArticleEffectivenessOrderField, { name: 'ArticleEffectivenessOrderField' });

/** Signals that an article needs attention (thresholds in docs/metrics.md and {@link ARTICLE_FLAG_THRESHOLDS}). */
export enum ArticleEffectivenessFlag {
  LOW_HELPFULNESS = 'LOW_HELPFULNESS',
  HIGH_CONTACT_RATE = 'HIGH_CONTACT_RATE',
  STALE_BUT_VIEWED = 'STALE_BUT_VIEWED',
}
registerEnumType(ArticleEffectivenessFlag, {
  name: 'ArticleEffectivenessFlag',
  valuesConfig: {
    LOW_HELPFULNESS: { description: 'Wilson 95% lower bound of helpfulness < 0.5 with at least 5 votes.' },
    HIGH_CONTACT_RATE: { description: 'contactAfterViewRate >= 0.3 with at least 10 views.' },
    STALE_BUT_VIEWED: { description: 'Not updated for at least 180 days (at `to`) and at least 10 views.' },
  },
});

/** Thresholds of the {@link ArticleEffectivenessFlag}s. */
export const ARTICLE_FLAG_THRESHOLDS = {
  lowHelpfulnessBound: 0.5,
  lowHelpfulnessMinVotes: 5,
  highContactRate: 0.3,
  highContactMinViews: 10,
  staleDays: 180,
  staleMinViews: 10,
} as const;

/** Optional filters: locale and feature select the articles, channel the measured views, votes and searches. */
@InputType()
export class ArticleEffectivenessFilter {
  @Field(() => String, { nullable: true, description: 'Only articles in this locale.' })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Only articles of this feature.' })
  featureId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only views, votes and searches from this channel.' })
  @IsOptional()
  @MaxLength(40)
  channel?: string | null;
}

/** Sort order of the article-effectiveness list; ties are broken by article id. */
@InputType()
export class ArticleEffectivenessOrder {
  @Field(() => ArticleEffectivenessOrderField, { defaultValue: ArticleEffectivenessOrderField.VIEWS })
  field: ArticleEffectivenessOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection;
}

/** How one article performed over `[from, to)` (definitions in docs/metrics.md). */
@ObjectType()
export class ArticleEffectiveness {
  /** Id of the article (resolved to `article` through the request loader). */
  articleId: string;

  @Field(() => Article, { description: 'The article (soft-deleted ones appear only when they had activity).' })
  article?: Article;

  @Field(() => Int, { description: 'ARTICLE_VIEW events in range.' })
  views: number;

  @Field(() => Int, { description: 'Distinct sessions among those views.' })
  uniqueViewers: number;

  @Field(() => Int, { description: 'Helpful ARTICLE_VOTEs that occurred in range.' })
  helpfulVotes: number;

  @Field(() => Int, { description: 'Unhelpful ARTICLE_VOTEs that occurred in range.' })
  unhelpfulVotes: number;

  @Field(() => Float, { nullable: true, description: 'helpfulVotes / (helpfulVotes + unhelpfulVotes).' })
  helpfulness: number | null;

  @Field(() => Float, { nullable: true, description: 'Wilson score 95% lower bound of helpfulness (z = 1.96).' })
  helpfulnessLowerBound: number | null;

  @Field(() => Int, { description: 'Counted searches in range that showed the article (first page, or clicked later).' })
  impressions: number;

  @Field(() => Int, { description: 'Counted searches in range from which the article was clicked.' })
  clicks: number;

  @Field(() => Float, { nullable: true, description: 'clicks / impressions.' })
  articleClickThroughRate: number | null;

  @Field(() => Int, { description: 'Views failed by a support contact of the same session within the window.' })
  contactedViews: number;

  @Field(() => Float, { nullable: true, description: 'contactedViews / views.' })
  contactAfterViewRate: number | null;

  @Field(() => Float, { nullable: true, description: '1 - contactAfterViewRate; null without views.' })
  deflectionRate: number | null;

  @Field(() => Int, { description: 'Whole days from the last update of the article to `to` (0 if updated later).' })
  daysSinceUpdate: number;

  @Field(() => [ArticleEffectivenessFlag])
  flags: ArticleEffectivenessFlag[];
}

/** A page of article-effectiveness rows. */
export const ArticleEffectivenessConnection = ConnectionType(ArticleEffectiveness, 'ArticleEffectiveness');
