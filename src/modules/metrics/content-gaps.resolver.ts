import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ContentGap, ContentGapsFilter } from './content-gaps.types';
import { Article } from '../articles/article.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** The `contentGaps` query, and the closest article of each gap through the request loader. */
@Resolver(() => ContentGap)
export class ContentGapsResolver {
  @Query(() => [ContentGap], {
    description:
      'Normalized queries whose counted searches in [from, to) failed (no results, or no click), most failed first, ' +
      'with the closest published article by PostgreSQL full-text rank (docs/metrics.md).',
  })
  contentGaps(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('first', () => Int, { defaultValue: 20, description: '1-100.' }) first: number,
    @Arg('filter', () => ContentGapsFilter, { nullable: true }) filter?: ContentGapsFilter,
  ): Promise<ContentGap[]> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.contentGaps.contentGaps(ctx, { from, to, first, filter });
  }

  @FieldResolver(() => Article, { nullable: true })
  closestArticle(@Root() gap: ContentGap, @Ctx() ctx: RequestContext): Promise<Article | null> | null {
    return gap.closestArticleId ? ctx.loaders.articleById.load(gap.closestArticleId) : null;
  }
}
