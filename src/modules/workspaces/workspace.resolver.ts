import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';

import { Workspace } from './workspace.entity';
import { ApiKey, Scope } from './api-key.entity';
import { requireScope } from '../../core/auth/principal';
import { RequestContext } from '../../core/context/request-context';

/** A newly created key with its secret, shown only this once. */
@ObjectType()
class CreatedApiKeyPayload {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: 'The full secret. It is not stored and cannot be shown again.' })
  secret: string;
}

/** The caller's workspace and its API keys. */
@Resolver()
export class WorkspaceResolver {
  @Query(() => Workspace, { description: 'The workspace of the API key in use.' })
  workspace(@Ctx() ctx: RequestContext): Promise<Workspace> {
    requireScope(ctx.principal, Scope.READ, Scope.WRITE, Scope.INGEST, Scope.SEARCH);
    return ctx.services.workspaces.current(ctx);
  }

  @Query(() => [ApiKey])
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    requireScope(ctx.principal, Scope.ADMIN);
    return ctx.services.apiKeys.list(ctx);
  }

  @Mutation(() => CreatedApiKeyPayload)
  async createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('name') name: string,
    @Arg('scopes', () => [Scope]) scopes: Scope[],
  ): Promise<CreatedApiKeyPayload> {
    requireScope(ctx.principal, Scope.ADMIN);
    return ctx.services.apiKeys.create(ctx, name, scopes);
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => GraphQLUUID) id: string): Promise<ApiKey> {
    requireScope(ctx.principal, Scope.ADMIN);
    return ctx.services.apiKeys.revoke(ctx, id);
  }

  @Mutation(() => Workspace, { description: 'Replaces the browser origins allowed to call search and events.' })
  setAllowedOrigins(
    @Ctx() ctx: RequestContext,
    @Arg('origins', () => [String]) origins: string[],
  ): Promise<Workspace> {
    requireScope(ctx.principal, Scope.ADMIN);
    return ctx.services.workspaces.setAllowedOrigins(ctx, origins);
  }
}
