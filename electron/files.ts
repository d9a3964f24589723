// Files that never lose work. Save writes a temp file in the same folder, fsyncs it and renames it
// over the target (rename is atomic on one file system), after keeping the previous version as
// NAME.bak. A crash or kill at any moment leaves either the old file or the new one, never half.
// Plain Node (no Electron) so the tests can run it, and kill it, in a child process.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { copyFile, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DESIGN_LIMITS } from '../shared/document/schema';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<path>.bak`. */
  keepBackup?: boolean;
  /** Write in chunks of this many bytes (the kill test slows each chunk down). */
  chunkBytes?: number;
  /** Called after each chunk is written (tests only). */
  afterChunk?: (writtenBytes: number) => void;
}

const TEMP_MARK = '.saving-';

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}-${Date.now().toString(36)}.tmp`);
}

/** fsync a directory so a rename survives power loss (not possible on Windows; skipped there). */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  let handle: number | undefined;
  try {
    handle = openSync(directory, 'r');
    fsyncSync(handle);
  } catch {
    // Some file systems refuse to open directories; the rename itself is still atomic.
  } finally {
    if (handle !== undefined) closeSync(handle);
  }
}

function writeDurably(path: string, bytes: Buffer, options: AtomicWriteOptions): void {
  const handle = openSync(path, 'wx', 0o644);
  try {
    const chunk = options.chunkBytes ?? bytes.length;
    for (let offset = 0; offset < bytes.length || offset === 0;) {
      const length = Math.min(chunk, bytes.length - offset);
      offset += writeSync(handle, bytes, offset, length);
      options.afterChunk?.(offset);
      if (bytes.length === 0) break;
    }
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Replaces `path` with `content` atomically; the previous version becomes `path.bak` when asked. */
export async function atomicWrite(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const temp = tempPathFor(path);
  try {
    writeDurably(temp, bytes, options);
    if (options.keepBackup && (await exists(path))) {
      // The backup is written the same careful way, so a kill here leaves the old backup intact.
      const backupTemp = tempPathFor(`${path}.bak`);
      await copyFile(path, backupTemp);
      const handle = openSync(backupTemp, 'r+');
      fsyncSync(handle);
      closeSync(handle);
      await rename(backupTemp, `${path}.bak`);
    }
    await rename(temp, path);
    syncDirectory(dirname(path));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes temp files left in `directory` by a save that was killed (older than a minute). */
export async function removeStaleTempFiles(directory: string, now = Date.now()): Promise<void> {
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.includes(TEMP_MARK) || !name.endsWith('.tmp')) continue;
    const path = join(directory, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > 60_000) await rm(path, { force: true });
  }
}

export type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean; message: string };

/** Reads a design file, refusing anything over the size limit before reading it into memory. */
export async function readDesignFile(path: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, missing: false, message: `${basename(path)} is not a file` };
    if (info.size > DESIGN_LIMITS.fileBytes)
      return {
        ok: false,
        missing: false,
        message: `${basename(path)} is ${(info.size / 1024 / 1024).toFixed(1)} MB; a design file is at most 20 MB`,
      };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, missing: true, message: `${basename(path)} is no longer there` };
    return {
      ok: false,
      missing: false,
      message: `could not read ${basename(path)}: ${(error as Error).message}`,
    };
  }
}
