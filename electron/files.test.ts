import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../shared/document/validate';
import { emptyDesign } from '../shared/document/types';
import { atomicWrite, readDesignFile, removeStaleTempFiles } from './files';

const scratch = () => mkdtempSync(join(tmpdir(), 'bp-files-'));
const designText = (title: string, padding = '') =>
  JSON.stringify({ ...emptyDesign(title), meta: { title, notes: padding } }, null, 2);
const titleOf = (path: string) => {
  const result = parseDesign(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.design.meta.title;
};

describe('atomic save', () => {
  it('writes the file and keeps the previous version as NAME.bpd.bak', async () => {
    const folder = scratch();
    const path = join(folder, 'checkout.bpd');
    await atomicWrite(path, designText('first'), { keepBackup: true });
    expect(titleOf(path)).toBe('first');
    expect(readdirSync(folder)).toEqual(['checkout.bpd']);
    await atomicWrite(path, designText('second'), { keepBackup: true });
    expect(titleOf(path)).toBe('second');
    expect(titleOf(`${path}.bak`)).toBe('first');
    expect(readdirSync(folder).sort()).toEqual(['checkout.bpd', 'checkout.bpd.bak']);
  });

  it('leaves the original intact and loadable when the writing process is killed mid-save', async () => {
    const folder = scratch();
    const path = join(folder, 'checkout.bpd');
    await atomicWrite(path, designText('version 1'), { keepBackup: true });
    await atomicWrite(path, designText('version 2'), { keepBackup: true });
    const before = readFileSync(path, 'utf8');

    // A separate process saves a 4 MB design slowly (one 64 KB chunk every 20 ms) and is killed
    // with SIGKILL as soon as its temp file has bytes in it: a crash in the middle of writing.
    const bundle = join(folder, 'files.cjs');
    buildSync({
      entryPoints: [new URL('./files.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const writer = join(folder, 'writer.cjs');
    writeFileSync(
      writer,
      `const { atomicWrite } = require(${JSON.stringify(bundle)});
       const pause = new Int32Array(new SharedArrayBuffer(4));
       const content = require('node:fs').readFileSync(process.argv[3], 'utf8');
       atomicWrite(process.argv[2], content, {
         keepBackup: true, chunkBytes: 64 * 1024, afterChunk: () => Atomics.wait(pause, 0, 0, 20),
       });`,
    );
    const source = join(folder, 'version3.json');
    writeFileSync(source, designText('version 3', 'x'.repeat(4_000_000)));
    const fullBytes = statSync(source).size;
    const child = spawn(process.execPath, [writer, path, source], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 20_000;
    let tempBytes = 0;
    while (tempBytes === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const temp = readdirSync(folder).find((name) => name.endsWith('.tmp'));
      tempBytes = temp ? statSync(join(folder, temp)).size : 0;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // It really was killed while writing: its temp file holds part of the new version, not all.
    const leftover = readdirSync(folder).filter((name) => name.endsWith('.tmp'));
    expect(leftover).toHaveLength(1);
    const writtenBytes = statSync(join(folder, leftover[0])).size;
    expect(tempBytes).toBeGreaterThan(0);
    expect(writtenBytes).toBeGreaterThan(0);
    expect(writtenBytes).toBeLessThan(fullBytes);

    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(titleOf(path)).toBe('version 2');
    expect(titleOf(`${path}.bak`)).toBe('version 1');

    // The next save cleans up the killed writer's temp file once it is stale.
    await removeStaleTempFiles(folder, Date.now() + 120_000);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a missing file as missing and refuses a file over 20 MB before reading it', async () => {
    const folder = scratch();
    expect(await readDesignFile(join(folder, 'gone.bpd'))).toMatchObject({ ok: false, missing: true });
    const big = join(folder, 'big.bpd');
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x20));
    const result = await readDesignFile(big);
    expect(result).toEqual({
      ok: false,
      missing: false,
      message: 'big.bpd is 21.0 MB; a design file is at most 20 MB',
    });
  });
});
