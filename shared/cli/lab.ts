// `backpressure lab check FILE [--json]`: runs a lab (.bplab) headless — every step's actions and
// "Show me" actions, then its check, at the lab's seed — and prints pass/fail per step (a table,
// or one JSON object). Exit 0 when every step passes, 1 when a check failed, 2 for a bad file.
import { dirname, join } from 'node:path';
import { formatNumber } from '../format';
import { parseLab } from '../labs/schema';
import { runLab } from '../labs/runLab';
import { reportFailure, UsageError, type CliIo } from './arguments';

export const LAB_USAGE = `  backpressure lab check FILE [--json]

  lab check run a lab (.bplab) headless: each step's actions and "Show me", then its check
            (at the lab's seed); prints pass/fail per step, exit 1 if a check failed
            --json        print one JSON object instead of a table
`;

/** Where a lab's `{template: name}` is looked for: beside the lab's folder, then ./assets. */
export function templateCandidates(labFile: string, name: string): string[] {
  const file = `${name.replace(/\.bpd$/, '')}.bpd`;
  return [join(dirname(labFile), '..', 'templates', file), join('assets', 'templates', file)];
}

function parseArguments(args: string[]): { file: string; json: boolean } {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'check')
    throw new UsageError(
      subcommand
        ? `unknown lab command "${subcommand}" (use lab check FILE)`
        : 'lab needs a command: lab check FILE',
    );
  let file = '';
  let json = false;
  for (const arg of rest) {
    if (arg === '--json') json = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for lab check`);
    else if (!file) file = arg;
    else throw new UsageError(`unexpected argument "${arg}" (one FILE only)`);
  }
  if (!file) throw new UsageError('lab check needs a FILE');
  return { file, json };
}

export function labCommand(args: string[], io: CliIo): number {
  try {
    const { file, json } = parseArguments(args);
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UsageError(
        `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`,
        false,
      );
    }
    const parsed = parseLab(text, (name) => {
      for (const candidate of templateCandidates(file, name)) {
        try {
          return io.readFile(candidate);
        } catch {
          // not there: try the next place
        }
      }
      return undefined;
    });
    if (!parsed.ok)
      throw new UsageError(
        `${file} is not a valid lab:\n${parsed.problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
        false,
      );
    const { lab, design } = parsed;
    const result = runLab(lab, design!);
    if (json)
      io.stdout(
        `${JSON.stringify({ id: lab.id, title: lab.title, passed: result.passed, steps: result.steps }, null, 2)}\n`,
      );
    else {
      const passed = result.steps.filter((step) => step.state === 'pass').length;
      // Step and result aligned, the detail (words) left as it reads.
      const idWidth = Math.max(4, ...result.steps.map((step) => step.id.length));
      const lines = result.steps.map(
        (step) =>
          `${step.id.padEnd(idWidth)}  ${step.state.toUpperCase().padEnd(7)}  ${formatNumber(step.simTimeS).padStart(6)} s  ${step.detail}`,
      );
      io.stdout(
        `${lab.title} (${lab.id}) — ${passed} of ${result.steps.length} steps pass${result.passed ? '' : ', FAILED'}\n\n` +
          `${'step'.padEnd(idWidth)}  result   sim time  detail\n${lines.join('\n')}\n`,
      );
    }
    return result.passed ? 0 : 1;
  } catch (error) {
    return reportFailure(io, error, LAB_USAGE);
  }
}
