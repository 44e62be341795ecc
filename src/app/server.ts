import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Services } from './services';
import { buildAppSchema } from './schema';
import { buildContext } from './context';
import { RequestContext } from '../core/context/request-context';
import { formatError } from '../core/errors/format-error';
import { playgroundRouter } from '../core/http/playground';
import { logger } from '../core/logging/logger';
import { RequestLimits, loadRequestLimits } from '../core/config/config';
import { queryShapeRules } from '../core/graphql/query-shape-rules';
import { complexityLimitPlugin } from '../core/graphql/complexity-plugin';
import { KeyRateLimiter } from '../core/http/rate-limiter';
import { graphqlBodyGuard, rateLimitGuard } from '../core/http/request-guards';
import { bearerToken } from './context';

/** A listening HTTP server with the GraphQL API. */
export interface HttpApp {
  server: http.Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * Builds the HTTP app: `/graphql` (API and, for browsers, the playground), `/healthz` (process up) and `/readyz`
 * (database and search reachable). CORS answers preflights for any origin; the real request is then checked
 * against the key's workspace allow-list in the context.
 *
 * Hardening (`limits`): operations deeper than `maxDepth`, costlier than `maxComplexity`, with more than `maxAliases`
 * aliases or `maxTokens` tokens are refused before execution; batched (array) requests hold at most `maxBatch`
 * operations; each API key (or client IP without a valid key) has an in-memory rate budget answered with HTTP 429
 * `RATE_LIMITED`. Automatic persisted queries (APQ) use Apollo's default in-memory LRU cache, over GET and POST.
 */
export async function startHttpServer(
  services: Services,
  port: number,
  bodyLimitBytes: number,
  limits: RequestLimits = loadRequestLimits({}),
): Promise<HttpApp> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const server = http.createServer(app);
  const schema = await buildAppSchema();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (HTTP, outbox, database, child processes in order).
    stopOnTerminationSignals: false,
    introspection: true,
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryShapeRules(limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      complexityLimitPlugin(schema, limits.maxComplexity),
      // No HTTP caching hints are used; the default plugin would wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const [database, search] = await Promise.all([
      services.dataSource
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false),
      services.search.isHealthy(),
    ]);
    res.status(database && search ? 200 : 503).json({ database, search });
  });
  app.use('/graphql', (req, res, next) => {
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Apollo-Require-Preflight');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  app.use(playgroundRouter());
  app.use(
    '/graphql',
    express.json({ limit: bodyLimitBytes }),
    graphqlBodyGuard(limits.maxBatch),
    rateLimitGuard(new KeyRateLimiter(limits.ratePerMinute, limits.rateBurst), {
      bearerToken,
      authenticate: (token) => services.apiKeys.authenticate(token),
    }),
    expressMiddleware(apollo, { context: async ({ req }) => buildContext(services, req) }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'http error');
    const code = status === 413 ? 'BAD_USER_INPUT' : status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
    const message =
      status === 413 ? `Request body is larger than ${bodyLimitBytes} bytes` : status < 500 ? 'Malformed request body' : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    server,
    url: `http://localhost:${address.port}/graphql`,
    stop: () => apollo.stop(),
  };
}
