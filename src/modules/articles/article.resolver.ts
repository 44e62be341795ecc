import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { Article, ArticleStatus } from './article.entity';
import { ArticleFilter, ArticleOrder, CreateArticleInput, UpdateArticleInput } from './dto/article.input';
import { ArticleRevision } from './article-revision.entity';
import { Feature } from '../catalog/feature.entity';
import { ConnectionType } from '../../core/graphql/connection';
import { requireScope } from '../../core/auth/principal';
import { Scope } from '../workspaces/api-key.entity';
import { RequestContext } from '../../core/context/request-context';
import { BadInputError, NotFoundError } from '../../core/errors/errors';

/** A page of articles. */
export const ArticleConnection = ConnectionType(Article, 'Article');

/** Article queries and mutations: knowledge-base authoring. */
@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { description: 'One article, by id or by slug.' })
  async article(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => GraphQLUUID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Article> {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE);
    if (!id === !slug) throw new BadInputError('give exactly one of id and slug');
    if (id) return ctx.services.articles.get(ctx, id);
    const found = await ctx.services.articles.findBySlug(ctx, slug!);
    if (!found) throw new NotFoundError('article');
    return found;
  }

  @Query(() => ArticleConnection, { description: 'Articles, most recently changed first unless orderBy says otherwise.' })
  articles(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ArticleFilter, { nullable: true }) filter?: ArticleFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => ArticleOrder, { nullable: true }) orderBy?: ArticleOrder,
  ) {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE);
    return ctx.services.articles.list(ctx, filter ?? {}, first, after, orderBy);
  }

  @Mutation(() => Article)
  createArticle(@Ctx() ctx: RequestContext, @Arg('input') input: CreateArticleInput): Promise<Article> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.articles.create(ctx, input);
  }

  @Mutation(() => Article)
  updateArticle(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input') input: UpdateArticleInput,
  ): Promise<Article> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.articles.update(ctx, id, input);
  }

  @Mutation(() => Article, { description: 'Makes the article searchable.' })
  publishArticle(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<Article> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.articles.setStatus(ctx, id, ArticleStatus.PUBLISHED);
  }

  @Mutation(() => Article, { description: 'Takes the article out of search; it stays readable by id.' })
  archiveArticle(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<Article> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.articles.setStatus(ctx, id, ArticleStatus.ARCHIVED);
  }

  @Mutation(() => Article, { description: 'Soft-deletes the article: gone from search and lists, metrics kept.' })
  deleteArticle(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<Article> {
    requireScope(ctx.principal, Scope.WRITE);
    return ctx.services.articles.delete(ctx, id);
  }

  @FieldResolver(() => [ArticleRevision], { description: 'Every content revision, newest first.' })
  revisions(@Root() article: Article, @Ctx() ctx: RequestContext): Promise<ArticleRevision[]> {
    return ctx.loaders.revisionsByArticleId.load(article.id);
  }

  @FieldResolver(() => Feature, { nullable: true })
  feature(@Root() article: Article, @Ctx() ctx: RequestContext): Promise<Feature | null> | null {
    return article.featureId ? ctx.loaders.featureById.load(article.featureId) : null;
  }
}
