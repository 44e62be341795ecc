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
    if (!(await originAllowed(services, principal.workspaceId, origin))) {
      const err = new ForbiddenError(`origin ${origin} is not on this workspace's allowed origins`);
      // Thrown before execution: Apollo answers with this HTTP status instead of 500.
      Object.assign(err.extensions, { http: { status: 403 } });
      throw err;
    }
  }
  return { principal, services, loaders: createLoaders(services, principal?.workspaceId), origin };
}

/** How long an allow-list read from the database is trusted to admit an origin. */
const ORIGIN_CACHE_MS = 10_000;
const originCache = new Map<string, { origins: Set<string>; until: number }>();

/**
 * True when `origin` is on the workspace's allow-list. A portal sends its Origin with every search, so the list is
 * cached per workspace for {@link ORIGIN_CACHE_MS} instead of read on every request; only a *positive* answer comes
 * from the cache: an origin not in the cached list is checked against the database again (so an origin just added
 * is admitted at once), and an origin just removed is refused at the latest 10 s later (like the API-key cache).
 */
async function originAllowed(services: Services, workspaceId: string, origin: string): Promise<boolean> {
  const cached = originCache.get(workspaceId);
  if (cached && cached.until > Date.now() && cached.origins.has(origin)) return true;
  const origins = new Set(await services.workspaces.allowedOrigins(workspaceId));
  if (originCache.size > 10_000) originCache.clear();
  originCache.set(workspaceId, { origins, until: Date.now() + ORIGIN_CACHE_MS });
  return origins.has(origin);
}

/** The playground calls from the server's own origin. */
function isSameOrigin(req: Request, origin: string): boolean {
  return origin === `${req.protocol}://${req.headers.host}`;
}
