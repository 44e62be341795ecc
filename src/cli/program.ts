import { Command, CommanderError } from 'commander';
import { CliDeps } from './cli-runtime';
import { CliDatabase } from './cli-database';
import { describeError, exitCodeOf } from './cli-errors';
import { registerWorkspaceCommands } from './commands/workspace.command';
import { registerImportCommands } from './commands/import.command';
import { registerReindexCommand } from './commands/reindex.command';
import { registerDbCommands } from './commands/db.command';
import { registerSchemaCommands } from './commands/schema.command';

/** Everything the commands need; the entry point passes the real ones, tests pass their own. */
export interface ProgramDeps extends CliDeps {
  openDatabase(): Promise<CliDatabase>;
}

/** Builds the `helpscope` command tree. Commander's own exits are turned into exceptions. */
export function buildProgram(deps: ProgramDeps): Command {
  const program = new Command('helpscope')
    .description('Helpscope command line: workspaces, imports, search reindex, migrations and the schema file')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.out.log(s.replace(/\n$/, '')),
      writeErr: (s) => deps.out.error(s.replace(/\n$/, '')),
    })
    .showHelpAfterError('(run with --help for usage)');
  registerWorkspaceCommands(program, deps);
  registerImportCommands(program, deps);
  registerReindexCommand(program, deps);
  registerDbCommands(program, deps);
  registerSchemaCommands(program, deps);
  return program;
}

/**
 * Runs one CLI invocation (`args` without `node` and the script) and returns its exit code. Failures print one
 * line, `helpscope: <what went wrong>`, on the error output; usage errors are already reported by commander.
 */
export async function runCli(args: string[], deps: ProgramDeps): Promise<number> {
  try {
    await buildProgram(deps).parseAsync(args, { from: 'user' });
    return 0;
  } catch (err) {
    if (!(err instanceof CommanderError)) deps.out.error(`helpscope: ${describeError(err)}`);
    return exitCodeOf(err);
  }
}
