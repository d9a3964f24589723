// What every CLI command shares: the injected IO, bad-input errors (exit 2), number flags, reading
// a design file and the run window (duration and warm-up) a design runs with.
import type { Design } from '../document/types';
import type { RunSummary, RunTask } from '../analysis/runs';
import { loadDesignFile } from './loadDesign';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's text; throws with a `code` (ENOENT, EISDIR…) when it cannot be read. */
  readFile(path: string): string;
  /** Wall clock in ms for the run's wall-time limit (performance.now); default Date.now. */
  now?(): number;
  /**
   * Runs compare/sweep tasks on `jobs` threads and returns their summaries in task order (the
   * Node entry's worker pool, workerPool.ts); without it they run one after another here.
   */
  runTasks?(tasks: readonly RunTask[], jobs: number): Promise<RunSummary[]>;
  /** The default --jobs (the Node entry passes os.availableParallelism()); 1 without it. */
  parallelism?: number;
}

/** Wall time a CLI run may take before it stops and prints what it has (`--max-wall`). */
export const DEFAULT_MAX_WALL_S = 120;

export class UsageError extends Error {
  constructor(
    message: string,
    /** Argument mistakes also print the usage; file problems do not. */
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** A flag's number, or a UsageError saying what it must be. */
export function numberFlag(
  flag: string,
  value: string | undefined,
  check: (n: number) => boolean,
  what: string,
): number {
  if (value === undefined) throw new UsageError(`${flag} needs a value (${what})`);
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed))
    throw new UsageError(`${flag} must be ${what} (got "${value}")`);
  return parsed;
}

export const DURATION_CHECK = (n: number) => n > 0 && n <= 31_536_000;
export const SEED_CHECK = (n: number) => Number.isInteger(n) && n >= 0 && n <= 4_294_967_295;
export const SEED_WHAT = 'a whole number from 0 to 4294967295';

export function readDesign(io: CliIo, file: string) {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`, false);
  }
  const loaded = loadDesignFile(text);
  if (!loaded.ok)
    throw new UsageError(
      `${file} is not a valid design:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return loaded;
}

/**
 * The run's duration and warm-up: the flags, else the file's scenario. A file warm-up that does
 * not fit in a shorter --duration is shortened to a tenth of it (with a warning); a --warmup that
 * does not fit is bad input.
 */
export function runWindow(
  design: Design,
  flags: { durationS?: number; warmupS?: number },
  warnings: string[],
): { durationS: number; warmupS: number } {
  const durationS = flags.durationS ?? design.scenario.durationS;
  let warmupS = flags.warmupS ?? design.scenario.warmupS;
  if (warmupS >= durationS) {
    if (flags.warmupS !== undefined)
      throw new UsageError(`the warm-up (${warmupS} s) must be shorter than the run (${durationS} s)`);
    warmupS = durationS / 10;
    warnings.push(
      `the file's warm-up (${design.scenario.warmupS} s) does not fit in ${durationS} s; using ${warmupS} s`,
    );
  }
  return { durationS, warmupS };
}

/**
 * Bad input → its message on stderr (argument mistakes with the usage) and exit 2; anything else
 * is an engine failure, exit 1. Never a stack trace.
 */
export function reportFailure(io: CliIo, error: unknown, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`backpressure: ${error.message}\n`);
    if (
      error.showUsage &&
      /needs|unknown command|unknown option|unexpected argument|must be/.test(error.message) &&
      !error.message.includes('valid design')
    )
      io.stderr(`\n${usage}`);
    return 2;
  }
  io.stderr(
    `backpressure: the simulation failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return 1;
}
