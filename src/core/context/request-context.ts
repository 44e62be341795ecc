import type { Services } from '../../app/services';
import type { Loaders } from '../../app/loaders';
import type { Principal } from '../auth/principal';
import { UnauthenticatedError } from '../errors/errors';

/** Everything a resolver and a service need for one request. Built fresh for every request. */
export interface RequestContext {
  /** Undefined when no valid key was sent; resolvers call `requireScope`. */
  principal?: Principal;
  services: Services;
  /** Per-request DataLoaders: relation fields use these, never their own queries. */
  loaders: Loaders;
  /** The `Origin` header of a browser request, if any. */
  origin?: string;
}

/** The workspace of the calling key; services use this for every query so nothing crosses workspaces. */
export function workspaceOf(ctx: Pick<RequestContext, 'principal'>): string {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx.principal.workspaceId;
}
