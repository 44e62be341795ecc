import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import {
  ArticleEffectiveness,
  ArticleEffectivenessConnection,
  ArticleEffectivenessFilter,
  ArticleEffectivenessOrder,
} from './article-effectiveness.types';
import { Connection } from '../../core/graphql/connection';
import { Article } from '../articles/article.entity';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';

/** The `articleEffectiveness` metric query, and the article of each row through the request loader. */
@Resolver(() => ArticleEffectiveness)
export class ArticleEffectivenessResolver {
  @Query(() => ArticleEffectivenessConnection, {
    description:
      'Per-article effectiveness over [from, to): views, votes, helpfulness (and its Wilson bound), impressions, ' +
      'clicks, contact-after-view and deflection rates, staleness and flags. Lists every published article (zeros ' +
      'and nulls without activity) and other articles only with activity; nulls sort last (docs/metrics.md).',
  })
  articleEffectiveness(
    @Ctx() ctx: RequestContext,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('resolutionWindowMinutes', () => Int, {
      defaultValue: 60,
      description: 'A support contact up to this long after a view fails it.',
    })
    resolutionWindowMinutes: number,
    @Arg('filter', () => ArticleEffectivenessFilter, { nullable: true }) filter?: ArticleEffectivenessFilter,
    @Arg('orderBy', () => ArticleEffectivenessOrder, { nullable: true, description: 'Default: VIEWS DESC.' })
    orderBy?: ArticleEffectivenessOrder,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 20.' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<ArticleEffectiveness>> {
    requireScope(ctx.principal, Scope.READ);
    return ctx.services.articleEffectiveness.list(ctx, { from, to, resolutionWindowMinutes, filter, orderBy, first, after });
  }

  @FieldResolver(() => Article)
  async article(@Root() row: ArticleEffectiveness, @Ctx() ctx: RequestContext): Promise<Article> {
    return row.article ?? (await ctx.loaders.articleById.load(row.articleId))!;
  }
}
