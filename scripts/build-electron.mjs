// Bundles the Electron main process and preload (esbuild) into dist/electron/{main,preload}.cjs and
// copies the bundled templates (assets/templates/*.bpd) to dist/templates. Silent on success.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

try {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
    // The sandboxed preload may only require 'electron': everything else is bundled in.
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  ]);
  mkdirSync('dist/templates', { recursive: true });
  if (existsSync('assets/templates'))
    for (const name of readdirSync('assets/templates').filter((file) => file.endsWith('.bpd')))
      cpSync(`assets/templates/${name}`, `dist/templates/${name}`);
} catch (error) {
  console.error(`build-electron: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
