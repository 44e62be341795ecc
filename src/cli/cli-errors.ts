import { CommanderError } from 'commander';

/** A failure the CLI reports as one line (no stack) before exiting with code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** One readable line for any error: its message's first line, never a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const first = err.message.split('\n').find((l) => l.trim()) ?? err.name;
    return first.trim();
  }
  return String(err);
}

/** The exit code an error maps to: commander's own (usage errors, `--help`), else 1. */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError || err instanceof CliError) return err.exitCode;
  return 1;
}
