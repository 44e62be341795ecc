import type { Services } from '../app/services';
import { createLoaders } from '../app/loaders';
import { RequestContext } from '../core/context/request-context';
import { Scope } from '../modules/workspaces/api-key.entity';
import { CliError } from './cli-errors';

/** A service-level context acting as the admin of the workspace `slug` (the CLI has no API key). */
export async function workspaceContext(services: Services, slug: string): Promise<RequestContext> {
  const ws = await services.workspaces.findBySlug(slug);
  if (!ws) throw new CliError(`workspace "${slug}" does not exist (create it with: workspace create ${slug})`);
  return {
    principal: { workspaceId: ws.id, apiKeyId: 'cli', apiKeyName: 'cli', scopes: [Scope.ADMIN] },
    services,
    loaders: createLoaders(services, ws.id),
  };
}
