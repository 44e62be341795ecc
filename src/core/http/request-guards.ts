import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ErrorCode } from '../errors/errors';
import type { Principal } from '../auth/principal';
import { KeyRateLimiter } from './rate-limiter';

/** Answers a request with one GraphQL-shaped error, before Apollo sees it. */
export function sendHttpError(res: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Checks a parsed `/graphql` request: no U+0000 anywhere (PostgreSQL cannot store it); a POST must carry a JSON object (one operation) or a JSON
 * array of at most `maxBatch` operations (a batched request); anything else is refused with `BAD_USER_INPUT`.
 */
export function graphqlBodyGuard(maxBatch: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // PostgreSQL text cannot hold U+0000: refuse it here for every operation instead of failing deep in a write.
    if (/%00/.test(req.url) || containsNul(req.body)) {
      return sendHttpError(res, 400, 'BAD_USER_INPUT', 'Text may not contain the NUL character (U+0000)');
    }
    if (req.method !== 'POST') return next();
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object') {
      return sendHttpError(res, 400, 'BAD_USER_INPUT', 'POST a JSON object (or an array of them) with content-type application/json');
    }
    if (Array.isArray(body)) {
      if (body.length === 0) return sendHttpError(res, 400, 'BAD_USER_INPUT', 'A batched request needs at least one operation');
      if (body.length > maxBatch) {
        return sendHttpError(res, 400, 'BAD_USER_INPUT', `A batched request may hold at most ${maxBatch} operations, got ${body.length}`);
      }
      if (body.some((op) => op === null || typeof op !== 'object' || Array.isArray(op))) {
        return sendHttpError(res, 400, 'BAD_USER_INPUT', 'Every operation of a batched request must be a JSON object');
      }
    }
    next();
  };
}

/** True when a parsed JSON value holds U+0000 in any string or key. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** How the rate limiter learns who is calling. */
export interface CallerResolver {
  bearerToken(req: Request): string | undefined;
  authenticate(token: string): Promise<Principal | undefined>;
}

/**
 * Charges each operation of a request (a batch counts each of its operations) to the caller's budget: the API key
 * when the request carries a valid one, otherwise the client IP. Over budget: HTTP 429, `Retry-After` and
 * `extensions.code` `RATE_LIMITED`.
 */
export function rateLimitGuard(limiter: KeyRateLimiter, callers: CallerResolver): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = callers.bearerToken(req);
      const principal = token ? await callers.authenticate(token).catch(() => undefined) : undefined;
      const who = principal ? `key:${principal.apiKeyId}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
      const points = Array.isArray(req.body) ? req.body.length : 1;
      const decision = await limiter.consume(who, points);
      if (decision.allowed) return next();
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      sendHttpError(res, 429, 'RATE_LIMITED', `Too many requests: retry after ${decision.retryAfterSeconds} s`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    } catch (err) {
      next(err);
    }
  };
}
