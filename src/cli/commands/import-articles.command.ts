import { Command, Option } from 'commander';
import { ArticleStatus } from '../../modules/articles/article.entity';
import { importArticlesFolder } from '../../modules/articles/article-import';
import { CliError } from '../cli-errors';
import { CliDeps, withRuntime } from '../cli-runtime';
import { workspaceContext } from '../workspace-context';

interface ImportArticlesFlags {
  workspace: string;
  locale: string;
  publish?: boolean;
  draft?: boolean;
}

/**
 * Registers `import articles <folder> --workspace <slug> [--locale en] [--publish|--draft]`: upserts every
 * .md/.mdx file by slug, prints the counts and each failed file, and exits 1 when any file failed.
 */
export function registerImportArticlesCommand(importCmd: Command, deps: CliDeps): void {
  importCmd
    .command('articles <folder>')
    .description('import a folder of Markdown/MDX articles (recursively), upserting by slug')
    .requiredOption('--workspace <slug>', 'workspace to import into')
    .option('--locale <locale>', 'locale of files whose front matter names none', 'en')
    .addOption(new Option('--publish', 'publish every article (default: front matter status, else published)').conflicts('draft'))
    .addOption(new Option('--draft', 'import every article as a draft'))
    .action((folder: string, flags: ImportArticlesFlags) =>
      withRuntime(deps, async ({ services }) => {
        const ctx = await workspaceContext(services, flags.workspace);
        const status = flags.publish ? ArticleStatus.PUBLISHED : flags.draft ? ArticleStatus.DRAFT : undefined;
        let bar: ReturnType<typeof deps.out.progress> | undefined;
        const result = await importArticlesFolder(ctx, services, {
          folder,
          locale: flags.locale,
          status,
          onProgress: ({ done, total }) => {
            bar ??= deps.out.progress('Importing articles', total);
            bar.update(done);
          },
        }).finally(() => bar?.stop());
        if (result.files === 0) throw new CliError(`no .md or .mdx files found in ${folder}`);
        deps.out.log(
          `Imported ${result.files} files into "${flags.workspace}": ${result.created} created, ` +
            `${result.updated} updated, ${result.unchanged} unchanged, ${result.failed.length} failed.`,
        );
        for (const f of result.failed) deps.out.error(`  ${f.file}: ${f.error}`);
        if (result.failed.length) throw new CliError(`${result.failed.length} of ${result.files} files could not be imported`);
      }),
    );
}
