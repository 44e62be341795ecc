import { ArgsType, Field, Int } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';

/** Longest accepted search query, in characters. */
export const MAX_QUERY_LENGTH = 512;
/** Largest page of search hits. */
export const MAX_SEARCH_PAGE = 50;

/** Arguments of `searchArticles`. */
@ArgsType()
export class SearchArticlesArgs {
  @Field({ description: `What the visitor typed (1-${MAX_QUERY_LENGTH} characters, not blank).` })
  @MaxLength(MAX_QUERY_LENGTH)
  query: string;

  @Field({ nullable: true, description: 'Only articles in this locale, e.g. "en".' })
  @IsOptional()
  @MaxLength(35)
  locale?: string;

  @Field(() => GraphQLUUID, { nullable: true, description: 'Only articles about this feature.' })
  @IsOptional()
  featureId?: string;

  @Field(() => [String], { nullable: true, description: 'Only articles carrying every one of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  tags?: string[];

  @Field(() => Int, { nullable: true, defaultValue: 10, description: `Hits per page (1-${MAX_SEARCH_PAGE}).` })
  first?: number;

  @Field({ nullable: true, description: 'endCursor of the previous page: the next page of the same search.' })
  @IsOptional()
  @MaxLength(500)
  after?: string;

  @Field({ nullable: true, description: 'Anonymous visitor session; one is generated (and returned) when omitted.' })
  @IsOptional()
  @MaxLength(200)
  sessionId?: string;

  @Field({ nullable: true, defaultValue: 'portal', description: 'Where the search happened: portal, in_app, bot...' })
  @IsOptional()
  @MaxLength(40)
  channel?: string;

  @Field({ nullable: true, defaultValue: true, description: 'Record the search for analytics (false: a preview).' })
  track?: boolean;
}
