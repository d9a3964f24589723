// Bundles the headless CLI (shared/cli/backpressure.ts) into dist/cli/backpressure.cjs, an
// executable Node script, and the compare/sweep worker thread (shared/cli/runWorker.ts) into
// dist/cli/runWorker.cjs beside it (the CLI looks for it next to itself). Prints nothing on
// success, so `npm run -s sim -- run FILE --json` prints only the JSON.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

await build({
  entryPoints: { backpressure: 'shared/cli/backpressure.ts', runWorker: 'shared/cli/runWorker.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync('dist/cli/backpressure.cjs', 0o755);
