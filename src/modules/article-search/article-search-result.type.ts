import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Article } from '../articles/article.entity';
import { PageInfo } from '../../core/graphql/connection';

/** One search hit: the article and HTML fragments where the only markup is `<mark>` around matches. */
@ObjectType()
export class ArticleSearchHit {
  @Field(() => Int, { description: '1-based rank over all pages; report it with SEARCH_CLICK.' })
  position: number;

  @Field(() => Article)
  article: Article;

  @Field({ description: 'The title, HTML-escaped, with matches in <mark>.' })
  titleHighlighted: string;

  @Field({ description: 'A short extract of the body, HTML-escaped, with matches in <mark>.' })
  snippet: string;
}

/** The answer of `searchArticles`: one page of hits and the ids to report follow-up events with. */
@ObjectType()
export class ArticleSearchResult {
  @Field(() => GraphQLUUID, {
    nullable: true,
    description: 'Id of the recorded search, to send with clicks, views and votes; null when track was false.',
  })
  searchId: string | null;

  @Field({ description: 'The session the search was recorded in (generated when none was sent).' })
  sessionId: string;

  @Field()
  query: string;

  @Field(() => Int, { description: 'Number of matching published articles (an estimate from the search engine).' })
  total: number;

  @Field({ description: 'True when the search engine was unavailable and PostgreSQL full-text search answered.' })
  degraded: boolean;

  @Field(() => [ArticleSearchHit])
  hits: ArticleSearchHit[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
