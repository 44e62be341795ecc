import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { Article } from '../articles/article.entity';

/** Optional filters of `contentGaps`: they select the searches measured (and the locale of the closest article). */
@InputType()
export class ContentGapsFilter {
  @Field(() => String, { nullable: true, description: 'Searches made with this locale; closest article in it too.' })
  @IsOptional()
  @MaxLength(35)
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'Only searches from this channel (portal, in_app, ...).' })
  @IsOptional()
  @MaxLength(40)
  channel?: string | null;
}

/** A normalized query whose counted searches failed (no results, or results but no click). */
@ObjectType()
export class ContentGap {
  @Field({ description: 'Normalized: case-folded, trimmed, inner whitespace collapsed.' })
  query: string;

  @Field(() => Int, { description: 'Failed counted searches: noResultSearches + noClickSearches.' })
  searches: number;

  @Field(() => Int, { description: 'Of those, searches with 0 hits.' })
  noResultSearches: number;

  @Field(() => Int, { description: 'Of those, searches with hits and no click.' })
  noClickSearches: number;

  @Field({ description: 'When the latest of those searches happened.' })
  lastSearchedAt: Date;

  /** Id of the closest article (resolved to `closestArticle` through the request loader). */
  closestArticleId: string | null;

  @Field(() => Article, {
    nullable: true,
    description: 'Published article best matching any word of the query (PostgreSQL full text, ts_rank); null if none.',
  })
  closestArticle?: Article | null;

  @Field(() => Float, { nullable: true, description: 'ts_rank of the closest article; null without one.' })
  closestArticleScore: number | null;
}
