import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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
    await removeStaleTempFiles(path, Date.now() + 120_000);
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

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** files.ts bundled to CommonJS, for child processes (the kill test, an unprivileged writer). */
function bundleFiles(folder: string): string {
  const bundle = join(folder, 'files.cjs');
  buildSync({
    entryPoints: [new URL('./files.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
  return bundle;
}

describe('what a save keeps', () => {
  it('keeps the file mode (0600 stays 0600, its backup too)', async () => {
    const path = join(scratch(), 'private.bpd');
    writeFileSync(path, designText('first'));
    chmodSync(path, 0o600);
    await atomicWrite(path, designText('second'), { keepBackup: true });
    expect(titleOf(path)).toBe('second');
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}.bak`)).toBe(0o600);
  });

  it('refuses a read-only file with a message, leaving it as it was', async () => {
    const path = join(scratch(), 'frozen.bpd');
    writeFileSync(path, designText('kept'));
    chmodSync(path, 0o444);
    await expect(atomicWrite(path, designText('new'), { keepBackup: true })).rejects.toThrow(
      'frozen.bpd is read-only: use Save As to save a copy',
    );
    expect(titleOf(path)).toBe('kept');
    expect(modeOf(path)).toBe(0o444);
  });

  it('saves through a symlink to its target; the link stays a link', async () => {
    const folder = scratch();
    const target = join(folder, 'real.bpd');
    const link = join(folder, 'link.bpd');
    writeFileSync(target, designText('first'));
    symlinkSync(target, link);
    await atomicWrite(link, designText('second'), { keepBackup: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(titleOf(target)).toBe('second');
    expect(titleOf(`${target}.bak`)).toBe('first');
  });

  it('writes a hard-linked file in place, so every name sees the new design', async () => {
    const folder = scratch();
    const path = join(folder, 'design.bpd');
    const other = join(folder, 'other-name.bpd');
    writeFileSync(path, designText('first'));
    linkSync(path, other);
    await atomicWrite(path, designText('second'), { keepBackup: true });
    expect(titleOf(other)).toBe('second');
    expect(statSync(path).ino).toBe(statSync(other).ino);
    expect(titleOf(`${path}.bak`)).toBe('first');
  });

  it("cleans up only its own stale temp files for the file being saved, never other programs' files", async () => {
    const folder = scratch();
    const path = join(folder, 'design.bpd');
    writeFileSync(path, designText('first'));
    const old = new Date(Date.now() - 3_600_000);
    const names = [
      '.design.bpd.saving-123-abc.tmp', // a killed save of this file: removed
      '.design.bpd.bak.saving-123-abd.tmp', // a killed backup of this file: removed
      'notes.saving-draft.tmp', // another program's: kept
      '.other.bpd.saving-123-abc.tmp', // another design's save in progress: kept
    ];
    for (const name of names) {
      writeFileSync(join(folder, name), 'x');
      utimesSync(join(folder, name), old, old);
    }
    await removeStaleTempFiles(path);
    expect(readdirSync(folder).sort()).toEqual([
      '.other.bpd.saving-123-abc.tmp',
      'design.bpd',
      'notes.saving-draft.tmp',
    ]);
  });

  it('a folder it may not write to: a writable file is saved in place, otherwise "cannot write to <folder>"', async () => {
    // Root ignores permissions, so as root the writer runs as nobody (65534) in a child process.
    const root = scratch();
    chmodSync(root, 0o755);
    const bundle = bundleFiles(root);
    const folder = join(root, 'locked');
    mkdirSync(folder);
    const writable = join(folder, 'mine.bpd');
    const notMine = join(folder, 'theirs.bpd');
    writeFileSync(writable, designText('first'));
    writeFileSync(notMine, designText('first'));
    const asRoot = process.getuid?.() === 0;
    const writer = asRoot ? 65534 : process.getuid!();
    if (asRoot) chownSync(writable, writer, writer);
    chmodSync(notMine, 0o644);
    if (!asRoot) chmodSync(notMine, 0o444);
    chmodSync(folder, 0o555);
    const save = (path: string) => {
      const script = `require(${JSON.stringify(bundle)}).atomicWrite(process.argv[1], process.argv[2], { keepBackup: true })
        .then(() => console.log('saved'), (e) => console.log(e.message));`;
      const result = spawnSync(process.execPath, ['-e', script, path, designText('second')], {
        encoding: 'utf8',
        ...(asRoot ? { uid: writer, gid: writer } : {}),
      });
      return result.stdout.trim();
    };
    expect(save(writable)).toBe('saved');
    expect(titleOf(writable)).toBe('second');
    expect(save(notMine)).toBe(
      asRoot
        ? `cannot write to ${folder}: permission denied`
        : 'theirs.bpd is read-only: use Save As to save a copy',
    );
    expect(titleOf(notMine)).toBe('first');
    chmodSync(folder, 0o755);
  });
});
