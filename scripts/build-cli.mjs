// Bundles the headless CLI (shared/cli/backpressure.ts) into dist/cli/backpressure.cjs, an
// executable Node script. Prints nothing on success, so `npm run -s sim -- run FILE --json`
// prints only the JSON.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const outfile = 'dist/cli/backpressure.cjs';
await build({
  entryPoints: ['shared/cli/backpressure.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync(outfile, 0o755);
