// `npm start`: launches the built app in Electron. Where the Electron binary is not installed
// (e.g. `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci`, or no network), says so and points to the browser
// build instead of failing with a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The Electron executable, found the way the electron package does it, but without its automatic
 * download (which fails with a stack trace offline): null when it is not installed.
 */
function electronBinaryPath() {
  try {
    const packageDirectory = dirname(require.resolve('electron/package.json'));
    const pathFile = join(packageDirectory, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
      return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    if (!relative) return null;
    const binary = join(packageDirectory, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const electronBinary = electronBinaryPath();
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  console.error(
    [
      'The Electron binary is not installed, so the desktop app cannot start here.',
      '  • Run it in the browser instead:   npm run web   (then open http://localhost:5178)',
      '  • Or install Electron (needs network):   node node_modules/electron/install.js   then npm start',
    ].join('\n'),
  );
  process.exit(1);
}
// `--check`: only say whether Electron is there, so `npm start` fails fast before building.
if (process.argv.includes('--check')) process.exit(0);
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
