import 'reflect-metadata';
import { loadConfig } from '../../src/core/config/config';
import { Runtime, startRuntime } from '../../src/app/runtime';
import { Scope } from '../../src/modules/workspaces/api-key.entity';
import { RequestContext } from '../../src/core/context/request-context';
import { createLoaders } from '../../src/app/loaders';

/** A running server for a test suite, on the run's shared PostgreSQL and Meilisearch. */
export interface TestApp {
  runtime: Runtime;
  url: string;
  /** POSTs a GraphQL operation with the given key (or none) and returns the parsed body and HTTP status. */
  gql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  /** Creates a fresh workspace with one key per scope (admin included). */
  workspace(slug?: string): Promise<TestWorkspace>;
  /** Applies every due search-outbox row now. */
  flushIndex(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  keys: Record<Scope, string>;
  /** A service-level context acting as this workspace's admin. */
  ctx: RequestContext;
}

let counter = 0;

/** Starts Helpscope in-process on a free port (no background worker: tests flush the index explicitly). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: process.env.HELPSCOPE_TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.HELPSCOPE_TEST_POOL_SIZE,
    MEILI_URL: process.env.HELPSCOPE_TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.HELPSCOPE_TEST_MEILI_KEY,
    MEILI_INDEX: process.env.HELPSCOPE_TEST_INDEX,
    HELPSCOPE_DATA_DIR: process.env.HELPSCOPE_TEST_DATA_DIR,
    PORT: '0',
    MIGRATE_ON_START: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = await startRuntime(config, { listen: true, background: false });
  const url = runtime.http!.url.replace('localhost', '127.0.0.1');
  const app: TestApp = {
    runtime,
    url,
    async gql(query, variables, key, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: never; errors?: never };
      return { status: res.status, ...body };
    },
    async workspace(slug) {
      const s = slug ?? `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const ws = await runtime.services.workspaces.create(s, s);
      const keys = {} as Record<Scope, string>;
      for (const scope of Object.values(Scope)) {
        keys[scope] = (await runtime.services.apiKeys.createFor(ws.id, `${scope} key`, [scope])).secret;
      }
      const principal = { workspaceId: ws.id, apiKeyId: 'test', apiKeyName: 'test', scopes: [Scope.ADMIN] };
      const ctx: RequestContext = {
        principal,
        services: runtime.services,
        loaders: createLoaders(runtime.services, ws.id),
      };
      return { id: ws.id, slug: s, keys, ctx };
    },
    async flushIndex() {
      await runtime.worker.flush();
    },
    stop: () => runtime.stop(),
  };
  return app;
}
