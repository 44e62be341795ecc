import { Command } from 'commander';
import { Scope } from '../../modules/workspaces/api-key.entity';
import { CliDeps, withRuntime } from '../cli-runtime';

/** Registers `workspace create <slug> [--name]`: creates a workspace and prints its first admin key, once. */
export function registerWorkspaceCommands(program: Command, deps: CliDeps): void {
  const workspace = program.command('workspace').description('manage workspaces (tenants)');
  workspace
    .command('create <slug>')
    .description('create a workspace and print its admin API key (shown only this once)')
    .option('--name <name>', 'display name (defaults to the slug)')
    .action((slug: string, opts: { name?: string }) =>
      withRuntime(deps, async ({ services }) => {
        const ws = await services.workspaces.create(slug, opts.name ?? slug);
        const { secret } = await services.apiKeys.createFor(ws.id, 'cli admin', [Scope.ADMIN]);
        deps.out.log(`Created workspace "${ws.slug}" (${ws.id}).`);
        deps.out.log(`Admin API key (shown only now, store it safely): ${secret}`);
      }),
    );
}
