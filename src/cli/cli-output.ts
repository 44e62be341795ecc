import { SingleBar, Presets } from 'cli-progress';

/** A progress display for one long step. */
export interface ProgressHandle {
  update(done: number, total?: number): void;
  stop(): void;
}

/** Where commands write: result lines to stdout, errors to stderr, progress bars on an interactive stderr only. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
  progress(label: string, total: number): ProgressHandle;
}

const NO_PROGRESS: ProgressHandle = { update: () => undefined, stop: () => undefined };

/** The terminal output: a cli-progress bar on stderr when it is a TTY, nothing otherwise (pipes, CI, tests). */
export function terminalOutput(): CliOutput {
  return {
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    progress(label, total) {
      if (!process.stderr.isTTY) return NO_PROGRESS;
      const bar = new SingleBar(
        { format: `${label} [{bar}] {value}/{total} {percentage}%`, stream: process.stderr, hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        update(done, newTotal) {
          if (newTotal !== undefined && newTotal !== total) bar.setTotal((total = newTotal));
          bar.update(done);
        },
        stop: () => bar.stop(),
      };
    },
  };
}

/** An output that records lines in memory (in-process tests). */
export function memoryOutput(): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (l) => out.push(l), error: (l) => err.push(l), progress: () => NO_PROGRESS };
}
