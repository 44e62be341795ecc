import fs from 'node:fs';
import { Command, Option } from 'commander';
import { importFeedbackFile } from '../../modules/feedback/feedback-import';
import { FEEDBACK_IMPORT_PRESETS, FeedbackImportMapping } from '../../modules/feedback/feedback-import-mapping';
import { CliError } from '../cli-errors';
import { CliDeps, withRuntime } from '../cli-runtime';
import { workspaceContext } from '../workspace-context';

interface ImportFeedbackFlags {
  workspace: string;
  format?: 'jsonl' | 'csv';
  preset?: string;
  mapping?: string;
  source?: string;
}

/**
 * Registers `import feedback <file> --workspace <slug> [--format jsonl|csv] [--preset github-issues | --mapping
 * <file.json>] [--source ...]`: streams the file into feedback in batches (idempotent: a second run only finds
 * duplicates), prints the counts and the first refused records, and exits 1 when any record was refused.
 */
export function registerImportFeedbackCommand(importCmd: Command, deps: CliDeps): void {
  importCmd
    .command('feedback <file>')
    .description('import feedback from a JSON Lines or CSV file (run twice, it creates nothing new)')
    .requiredOption('--workspace <slug>', 'workspace to import into')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['jsonl', 'csv']))
    .addOption(new Option('--preset <name>', 'built-in field mapping').choices(Object.keys(FEEDBACK_IMPORT_PRESETS)))
    .addOption(new Option('--mapping <file>', 'JSON file with a custom field mapping').conflicts('preset'))
    .option('--source <source>', "source recorded on each item (default: the preset's)")
    .action((file: string, flags: ImportFeedbackFlags) =>
      withRuntime(deps, async ({ services }) => {
        const format = flags.format ?? formatFromName(file);
        const mapping = flags.mapping ? readMapping(flags.mapping) : flags.preset;
        if (!mapping) throw new CliError('give a field mapping: --preset github-issues or --mapping <file.json>');
        if (!fs.existsSync(file)) throw new CliError(`file not found: ${file}`);
        const ctx = await workspaceContext(services, flags.workspace);
        const bar = deps.out.progress('Importing feedback', await estimateRecords(file, format));
        const result = await importFeedbackFile(ctx, services, {
          file,
          format,
          mapping,
          source: flags.source,
          onProgress: (p) => bar.update(p.read),
        }).finally(() => bar.stop());
        deps.out.log(
          `Imported ${file} into "${flags.workspace}": ${result.read} read, ${result.created} created, ` +
            `${result.duplicates} duplicates, ${result.errors} refused.`,
        );
        for (const e of result.errorSamples) deps.out.error(`  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
        if (result.errors) throw new CliError(`${result.errors} of ${result.read} records were refused`);
      }),
    );
}

function formatFromName(file: string): 'jsonl' | 'csv' {
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new CliError(`cannot tell the format of ${file} from its name: add --format jsonl or --format csv`);
}

function readMapping(file: string): FeedbackImportMapping {
  try {
    const mapping = JSON.parse(fs.readFileSync(file, 'utf8')) as FeedbackImportMapping;
    if (!mapping || typeof mapping.text !== 'string') throw new Error('it needs at least a "text" field');
    return mapping;
  } catch (e) {
    throw new CliError(`cannot use the mapping in ${file}: ${(e as Error).message}`);
  }
}

/** Records in the file, estimated from its line count (exact for JSON Lines), for the progress bar. */
async function estimateRecords(file: string, format: 'jsonl' | 'csv'): Promise<number> {
  let lines = 0;
  for await (const chunk of fs.createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  }
  return Math.max(1, format === 'csv' ? lines - 1 : lines);
}
