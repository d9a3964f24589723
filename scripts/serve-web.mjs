// Serves the built renderer (dist/renderer) on http://localhost:${PORT:-5178}. No dependencies:
// a tiny static server is enough for a local single-page app and keeps `npm run web` offline-safe.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
// The same content types the desktop app serves its files with.
import types from '../shared/platform/mimeTypes.json' with { type: 'json' };

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const port = Number(portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? 5178));
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(
    `Not a port number: "${portFlag >= 0 ? args[portFlag + 1] : process.env.PORT}" (use 1–65535).`,
  );
  process.exit(2);
}
const root = resolve('dist/renderer');

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`No renderer build at ${root}. Run "npm run build:renderer" first (npm run web does both).`);
  process.exit(2);
}

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  // Only files inside dist/renderer (not a sibling such as dist/renderer-old).
  if (!file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, () => {
  console.log(`Backpressure is being served at http://localhost:${port}`);
});
