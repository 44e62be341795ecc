import 'reflect-metadata';
import { ConfigError, loadConfig } from './core/config/config';
import { startRuntime, StartupError } from './app/runtime';
import { ensureDemoWorkspace } from '../seeds/demo';
import { logger } from './core/logging/logger';

/** `npm start`: the server on the configured (by default embedded) PostgreSQL and Meilisearch, with the demo data. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { listen: true });
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const demo = config.seedDemo || config.bootstrapAdminKey ? await ensureDemoWorkspace(runtime.services, config, () => runtime.worker.flush()) : undefined;
  if (demo?.seeded) {
    const s = demo.seeded;
    console.log(
      `Seeded the demo workspace: ${s.articles} articles, ${s.feedback} feedback items, ${s.enhancements} enhancements, ${s.helpEvents} help events.`,
    );
  }
  console.log(`\nHelpscope is running.\n  Playground: ${runtime.http!.url}`);
  if (demo?.adminKey) console.log(`  Demo admin key: ${demo.adminKey}\n  Header: {"Authorization": "Bearer ${demo.adminKey}"}`);
  console.log('');
}

main().catch((err: Error) => {
  if (err instanceof ConfigError || err instanceof StartupError) {
    console.error(`helpscope: ${err.message}`);
  } else {
    console.error(`helpscope: failed to start: ${err.message}`);
  }
  process.exit(1);
});
