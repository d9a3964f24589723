// The CLI entry point (bundled to dist/cli/backpressure.cjs by scripts/build-cli.mjs; the
// compare/sweep worker to dist/cli/runWorker.cjs beside it).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { workerPoolRunner } from './workerPool';

// Beside this file once bundled; from the sources (no bundle) the runs stay in this thread.
const pool = workerPoolRunner(join(__dirname, 'runWorker.cjs'));

void (async () => {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    now: () => performance.now(),
    runTasks: pool ?? undefined,
    parallelism: availableParallelism(),
  });
})();
