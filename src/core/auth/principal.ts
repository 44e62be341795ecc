import { Scope } from '../../modules/workspaces/api-key.entity';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';

/** Who is calling: the workspace and scopes of the API key sent with the request. */
export interface Principal {
  workspaceId: string;
  apiKeyId: string;
  apiKeyName: string;
  scopes: Scope[];
}

/** True when the principal holds one of `allowed` (admin holds every scope). */
export function hasScope(principal: Principal, allowed: Scope[]): boolean {
  return principal.scopes.includes(Scope.ADMIN) || allowed.some((s) => principal.scopes.includes(s));
}

/**
 * Returns the principal when it holds one of `allowed`; throws UNAUTHENTICATED without a key and FORBIDDEN with a
 * key that lacks the scope.
 */
export function requireScope(principal: Principal | undefined, ...allowed: Scope[]): Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!hasScope(principal, allowed)) {
    throw new ForbiddenError(`This API key needs one of the scopes: ${allowed.join(', ')}`);
  }
  return principal;
}
