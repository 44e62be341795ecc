import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireScope } from '../../core/auth/principal';
import { RequestContext } from '../../core/context/request-context';
import { Scope } from '../workspaces/api-key.entity';

/** Credentials for searching Meilisearch directly from a browser, limited to the workspace's published articles. */
@ObjectType()
class PortalSearchToken {
  @Field({ description: 'Meilisearch tenant token (a JWT), to use as the API key.' })
  token: string;

  @Field({ description: 'Meilisearch address for the browser.' })
  host: string;

  @Field({ description: 'Index to search.' })
  indexUid: string;

  @Field()
  expiresAt: Date;
}

/** Support-portal embedding. */
@Resolver()
export class PortalResolver {
  @Mutation(() => PortalSearchToken, {
    description: 'A short-lived tenant token for instant-meilisearch; report clicks and views with recordHelpEvents.',
  })
  portalSearchToken(
    @Ctx() ctx: RequestContext,
    @Arg('ttlSeconds', () => Int, { nullable: true, description: '60 to 86400, default 3600.' }) ttlSeconds?: number,
  ): Promise<PortalSearchToken> {
    requireScope(ctx.principal, Scope.SEARCH, Scope.READ);
    return ctx.services.portalTokens.issue(ctx, ttlSeconds);
  }
}
