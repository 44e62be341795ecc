import { TenantToken } from '../../core/search/search-engine';
import { SearchEngine } from '../../core/search/search-engine';
import { BadInputError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Default and longest lifetime of a portal token. */
export const PORTAL_TOKEN_TTL = { defaultSeconds: 3600, maxSeconds: 86_400, minSeconds: 60 };

/**
 * Issues Meilisearch tenant tokens for support portals: a browser can then search the index directly (for example
 * with instant-meilisearch), but only the caller's workspace's published articles. Events still go through
 * `recordHelpEvents`.
 */
export class PortalTokenService {
  constructor(private readonly search: SearchEngine) {}

  async issue(ctx: RequestContext, ttlSeconds?: number | null): Promise<TenantToken> {
    const ttl = ttlSeconds ?? PORTAL_TOKEN_TTL.defaultSeconds;
    if (!Number.isInteger(ttl) || ttl < PORTAL_TOKEN_TTL.minSeconds || ttl > PORTAL_TOKEN_TTL.maxSeconds) {
      throw new BadInputError(
        `ttlSeconds must be between ${PORTAL_TOKEN_TTL.minSeconds} and ${PORTAL_TOKEN_TTL.maxSeconds}`,
        'ttlSeconds',
      );
    }
    return this.search.tenantToken(workspaceOf(ctx), new Date(Date.now() + ttl * 1000));
  }
}
