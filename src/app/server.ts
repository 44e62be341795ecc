import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Services } from './services';
import { buildAppSchema } from './schema';
import { buildContext } from './context';
import { RequestContext } from '../core/context/request-context';
import { formatError } from '../core/errors/format-error';
import { playgroundRouter } from '../core/http/playground';
import { logger } from '../core/logging/logger';

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
 */
export async function startHttpServer(services: Services, port: number, bodyLimitBytes: number): Promise<HttpApp> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const server = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server })],
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
