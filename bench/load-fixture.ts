import type { Runtime } from '../src/app/runtime';
import { Scope } from '../src/modules/workspaces/api-key.entity';
import { ArticleStatus } from '../src/modules/articles/article.entity';
import { createLoaders } from '../src/app/loaders';
import type { LoadTarget } from './load-driver';

const TOPICS = ['Import from Trello', 'Export to CSV', 'Billing and invoices', 'Invite your team', 'Reset your password', 'API keys', 'Webhooks', 'Single sign-on'];

/** Creates a fresh workspace with search, read and ingest keys and a few published, indexed articles to search. */
export async function prepareLoadWorkspace(runtime: Runtime, url: string): Promise<LoadTarget> {
  const slug = `load${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ws = await runtime.services.workspaces.create(slug, slug);
  const key = async (scope: Scope) => (await runtime.services.apiKeys.createFor(ws.id, `load ${scope}`, [scope])).secret;
  const ctx = {
    principal: { workspaceId: ws.id, apiKeyId: 'load', apiKeyName: 'load', scopes: [Scope.ADMIN] },
    services: runtime.services,
    loaders: createLoaders(runtime.services, ws.id),
  };
  const articleIds: string[] = [];
  for (const [i, title] of TOPICS.entries()) {
    const a = await runtime.services.articles.create(ctx, {
      title,
      body: `How to ${title.toLowerCase()}: step ${i}. Open settings, choose ${title}, then save.`,
      status: ArticleStatus.PUBLISHED,
    } as never);
    articleIds.push(a.id);
  }
  await runtime.worker.flush();
  return { url, searchKey: await key(Scope.SEARCH), readKey: await key(Scope.READ), ingestKey: await key(Scope.INGEST), articleIds };
}
