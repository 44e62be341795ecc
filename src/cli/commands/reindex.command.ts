import { Command } from 'commander';
import { CliDeps, withRuntime } from '../cli-runtime';
import { workspaceContext } from '../workspace-context';

/**
 * Registers `reindex [--workspace <slug>]`: rebuilds the article search index from PostgreSQL with no gap in search.
 * The index is shared by the deployment, so every workspace is rebuilt; `--workspace` only checks that it exists.
 */
export function registerReindexCommand(program: Command, deps: CliDeps): void {
  program
    .command('reindex')
    .description('rebuild the article search index from PostgreSQL (all workspaces: the index is shared)')
    .option('--workspace <slug>', 'accepted for scripts; the rebuild always covers every workspace')
    .action((flags: { workspace?: string }) =>
      withRuntime(deps, async ({ services }) => {
        if (flags.workspace) {
          await workspaceContext(services, flags.workspace);
          deps.out.log(`Note: the search index is shared, so every workspace is rebuilt, not only "${flags.workspace}".`);
        }
        let bar: ReturnType<typeof deps.out.progress> | undefined;
        const result = await services.articleReindex
          .reindexAll((done, total) => {
            bar ??= deps.out.progress('Reindexing', total);
            bar.update(done, total);
          })
          .finally(() => bar?.stop());
        deps.out.log(
          `Reindexed ${result.documents} published articles into "${result.index}" in ${result.durationMs} ms ` +
            `(${result.caughtUp} recently changed articles re-applied after the swap).`,
        );
      }),
    );
}
