import type { Request } from 'express';
import type { Services } from './services';
import { createLoaders } from './loaders';
import { RequestContext } from '../core/context/request-context';
import { ForbiddenError } from '../core/errors/errors';

/** Reads the bearer key of a request. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * Builds the context of one GraphQL request: resolves the key to its workspace and scopes, and checks a browser's
 * `Origin` against the workspace's allow-list (a key used from a page not on the list is refused).
 */
export async function buildContext(services: Services, req: Request): Promise<RequestContext> {
  const token = bearerToken(req);
  const principal = token ? await services.apiKeys.authenticate(token) : undefined;
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (principal && origin && !isSameOrigin(req, origin)) {
    const allowed = await services.workspaces.allowedOrigins(principal.workspaceId);
    if (!allowed.includes(origin)) {
      const err = new ForbiddenError(`origin ${origin} is not on this workspace's allowed origins`);
      // Thrown before execution: Apollo answers with this HTTP status instead of 500.
      Object.assign(err.extensions, { http: { status: 403 } });
      throw err;
    }
  }
  return { principal, services, loaders: createLoaders(services, principal?.workspaceId), origin };
}

/** The playground calls from the server's own origin. */
function isSameOrigin(req: Request, origin: string): boolean {
  return origin === `${req.protocol}://${req.headers.host}`;
}
