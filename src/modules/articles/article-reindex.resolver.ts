import { Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireScope } from '../../core/auth/principal';
import { RequestContext } from '../../core/context/request-context';
import { ConflictError } from '../../core/errors/errors';
import { Scope } from '../workspaces/api-key.entity';

/** The outcome of a search index rebuild. */
@ObjectType({ description: 'The outcome of rebuilding the article search index.' })
export class ReindexArticlesPayload {
  @Field({ description: 'Name of the live index, which now holds the rebuilt content.' })
  index: string;

  @Field(() => Int, { description: 'Published articles indexed, across every workspace of the deployment.' })
  documents: number;

  @Field(() => Int, { description: 'Articles changed during the rebuild and re-applied after the swap.' })
  caughtUp: number;

  @Field(() => Int)
  durationMs: number;
}

let running: Promise<unknown> | undefined;

/** Operations on the search index as a whole. */
@Resolver()
export class ArticleReindexResolver {
  @Mutation(() => ReindexArticlesPayload, {
    description:
      'Admin keys only. Rebuilds the article search index of the WHOLE deployment (every workspace, not just the ' +
      "caller's) from PostgreSQL, without a gap in search: a new index is filled and swapped with the live one. " +
      'Answers CONFLICT while another rebuild runs in this server.',
  })
  async reindexArticles(@Ctx() ctx: RequestContext): Promise<ReindexArticlesPayload> {
    requireScope(ctx.principal, Scope.ADMIN);
    if (running) throw new ConflictError('a search index rebuild is already running');
    const job = ctx.services.articleReindex.reindexAll();
    running = job;
    try {
      return await job;
    } finally {
      running = undefined;
    }
  }
}
