import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ErrorCode } from '../errors/errors';
import type { Principal } from '../auth/principal';
import { KeyRateLimiter } from './rate-limiter';

/** Answers a request with one GraphQL-shaped error, before Apollo sees it. */
export function sendHttpError(res: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/** Deepest JSON nesting a request body may have (the schema's own inputs nest a few levels; JSON metadata a few more). */
export const MAX_BODY_DEPTH = 64;

/**
 * Checks a parsed `/graphql` request: every string is storable text (no U+0000, no unpaired UTF-16 surrogate: PostgreSQL
 * refuses the first, and the second would be silently replaced by U+FFFD, so what was acknowledged would not be what
 * was stored), JSON nests at most `MAX_BODY_DEPTH` levels (PostgreSQL's jsonb and recursive code have a stack); a POST
 * must carry a JSON object (one operation) or a JSON array of at most `maxBatch` operations (a batched request);
 * anything else is refused with `BAD_USER_INPUT`.
 */
export function graphqlBodyGuard(maxBatch: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // PostgreSQL text cannot hold U+0000: refuse it here for every operation instead of failing deep in a write.
    if (/%00/.test(req.url)) return sendHttpError(res, 400, 'BAD_USER_INPUT', BODY_PROBLEMS.nul);
    const problem = bodyProblem(req.body) ?? bodyProblem(req.query) ?? bodyProblem(jsonQueryParams(req.query));
    if (problem) return sendHttpError(res, 400, 'BAD_USER_INPUT', BODY_PROBLEMS[problem]);
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

const BODY_PROBLEMS = {
  nul: 'Text may not contain the NUL character (U+0000)',
  surrogate: 'Text may not contain unpaired UTF-16 surrogates (\\ud800-\\udfff not forming a pair)',
  depth: `JSON may nest at most ${MAX_BODY_DEPTH} levels`,
} as const;

/** What makes a parsed JSON value unacceptable, if anything. */
export type BodyProblem = keyof typeof BODY_PROBLEMS;

/**
 * The first problem of a parsed JSON value (strings and keys with NUL or an unpaired surrogate, nesting deeper than
 * `maxDepth`), or undefined. Iterative, so a hostile 100,000-level body cannot overflow the stack.
 */
export function bodyProblem(value: unknown, maxDepth = MAX_BODY_DEPTH): BodyProblem | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return p;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return 'depth';
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
      continue;
    }
    for (const [k, item] of Object.entries(v)) {
      const p = textProblem(k);
      if (p) return p;
      stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** The JSON-encoded parameters of a GET request (`variables`, `extensions`), parsed when they parse. */
function jsonQueryParams(query: unknown): unknown[] {
  const q = (query ?? {}) as Record<string, unknown>;
  return [q.variables, q.extensions].flatMap((v) => {
    if (typeof v !== 'string') return [];
    try {
      return [JSON.parse(v) as unknown];
    } catch {
      return [];
    }
  });
}

function textProblem(s: string): BodyProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  // A lone surrogate is one not matched as part of a pair.
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) return 'surrogate';
  return undefined;
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
