import { Command } from 'commander';
import { CliDeps } from '../cli-runtime';
import { registerImportArticlesCommand } from './import-articles.command';
import { registerImportFeedbackCommand } from './import-feedback.command';

/** Registers the `import` group: `import articles` and `import feedback`. */
export function registerImportCommands(program: Command, deps: CliDeps): void {
  const importCmd = program.command('import').description('bulk-import articles or feedback from files');
  registerImportArticlesCommand(importCmd, deps);
  registerImportFeedbackCommand(importCmd, deps);
}
