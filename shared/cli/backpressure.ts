// The CLI entry point (bundled to dist/cli/backpressure.cjs by scripts/build-cli.mjs).
import { readFileSync } from 'node:fs';
import { main } from './main';

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  now: () => performance.now(),
});
