import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { SearchArticlesArgs } from './dto/search-articles.args';
import { ArticleSearchResult } from './article-search-result.type';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** Knowledge-base search, callable by portals with a search-only key. */
@Resolver()
export class ArticleSearchResolver {
  @Query(() => ArticleSearchResult, {
    description:
      'Searches published articles and records the search (see recordHelpEvents for clicks). Answers from ' +
      'PostgreSQL with degraded: true when the search engine is unavailable.',
  })
  searchArticles(@Ctx() ctx: RequestContext, @Args() args: SearchArticlesArgs): Promise<ArticleSearchResult> {
    requireScope(ctx.principal, Scope.SEARCH, Scope.READ, Scope.WRITE);
    return ctx.services.articleSearch.search(ctx, args);
  }
}
