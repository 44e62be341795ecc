import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../src/app/services';
import type { AppConfig } from '../src/core/config/config';
import { Scope } from '../src/modules/workspaces/api-key.entity';
import { createLoaders } from '../src/app/loaders';
import { DemoCounts, seedDemoContent } from './demo-content';

/** Slug of the demo workspace that `npm start` creates. */
export const DEMO_SLUG = 'demo';

/** What `ensureDemoWorkspace` made or found. */
export interface DemoWorkspace {
  workspaceId: string;
  /** The demo admin key, when it is known (bootstrap key, or the one kept in the data folder). */
  adminKey?: string;
  created: boolean;
  /** What was seeded, on the start that created the workspace. */
  seeded?: DemoCounts;
}

/**
 * Makes sure the `demo` workspace exists with its admin key. On first creation it is filled from `seeds/` (unless
 * `SEED_DEMO=false`, which leaves it empty for automation with `BOOTSTRAP_ADMIN_KEY`); later starts reuse it and seed
 * nothing twice. The generated admin key is kept in `<dataDir>/demo-admin-key` so every
 * start can print it (`BOOTSTRAP_ADMIN_KEY` instead fixes the key).
 */
export async function ensureDemoWorkspace(
  services: Services,
  config: AppConfig,
  flushIndex: () => Promise<unknown>,
): Promise<DemoWorkspace> {
  const keyFile = path.join(config.dataDir, 'demo-admin-key');
  let ws = await services.workspaces.findBySlug(DEMO_SLUG);
  const created = !ws;
  ws ??= await services.workspaces.create(DEMO_SLUG, 'Demo (Acme Boards)');
  let seeded: DemoCounts | undefined;
  if (created && config.seedDemo) {
    const principal = { workspaceId: ws.id, apiKeyId: 'seed', apiKeyName: 'demo seed', scopes: [Scope.ADMIN] };
    try {
      seeded = await seedDemoContent({ principal, services, loaders: createLoaders(services, ws.id) }, services, flushIndex);
    } catch (err) {
      // Leave no half-seeded workspace behind: the next start seeds again from scratch.
      await services.workspaces.remove(ws.id);
      throw err;
    }
  }
  let adminKey: string | undefined;
  if (config.bootstrapAdminKey) {
    await services.apiKeys.ensureKey(ws.id, 'bootstrap admin', config.bootstrapAdminKey, [Scope.ADMIN]);
    adminKey = config.bootstrapAdminKey;
  } else if (created || !fs.existsSync(keyFile)) {
    adminKey = (await services.apiKeys.createFor(ws.id, 'demo admin', [Scope.ADMIN])).secret;
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(keyFile, adminKey + '\n', { mode: 0o600 });
  } else {
    adminKey = fs.readFileSync(keyFile, 'utf8').trim();
  }
  return { workspaceId: ws.id, adminKey, created, seeded };
}
