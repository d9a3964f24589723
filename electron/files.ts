// Files that never lose work. Save writes a temp file in the same folder, fsyncs it and renames it
// over the target (rename is atomic on one file system), after keeping the previous version as
// NAME.bak. A crash or kill at any moment leaves either the old file or the new one, never half.
// Plain Node (no Electron) so the tests can run it, and kill it, in a child process.
//
// What a save keeps (files.test.ts proves each): the file's mode and owner; a symlink stays a link
// and its target gets the new content; a read-only file is refused (Save As makes a copy). A file
// with other hard links, or a writable file in a folder we may not write to, is written in place
// (backup first when the folder allows it): not atomic, but the links keep pointing at the design
// and the save is possible at all. Only our own temp files for the file being saved are cleaned up.
import { closeSync, fchmodSync, fchownSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { copyFile, readFile, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
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

/** Our temp files for `path` (tempPathFor's pattern), and nothing else in the folder. */
function isOwnTempFile(path: string, name: string): boolean {
  const escaped = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.saving-\\d+-[0-9a-z]+\\.tmp$`).test(name);
}

/** A save that cannot happen, with a message for the user. */
export class SaveRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'readOnly' | 'permission',
  ) {
    super(message);
  }
}

const isPermissionError = (error: unknown) =>
  ['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '');

/** The file a save really writes: a symlink's target (followed to the end), else the path itself. */
async function saveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
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

function writeAll(handle: number, bytes: Buffer, options: AtomicWriteOptions): void {
  const chunk = options.chunkBytes ?? bytes.length;
  for (let offset = 0; offset < bytes.length || offset === 0;) {
    const length = Math.min(chunk, bytes.length - offset);
    offset += writeSync(handle, bytes, offset, length);
    options.afterChunk?.(offset);
    if (bytes.length === 0) break;
  }
}

/** Writes a new file (the temp file) with the original's mode and owner, and fsyncs it. */
function writeDurably(
  path: string,
  bytes: Buffer,
  options: AtomicWriteOptions,
  original: { mode: number; uid: number; gid: number } | null,
): void {
  const handle = openSync(path, 'wx', 0o644);
  try {
    if (original) {
      fchmodSync(handle, original.mode & 0o7777);
      try {
        fchownSync(handle, original.uid, original.gid);
      } catch {
        // Only root may give a file away; the same user keeps owning it anyway.
      }
    }
    writeAll(handle, bytes, options);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Overwrites the file itself (hard links, unwritable folders): same inode, mode and owner. */
function writeInPlace(path: string, bytes: Buffer, options: AtomicWriteOptions): void {
  const handle = openSync(path, 'r+');
  try {
    writeAll(handle, bytes, options);
    ftruncateSync(handle, bytes.length);
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

/** Writes `path.bak` the careful way (temp, fsync, rename), so a kill leaves the old backup intact. */
async function writeBackup(path: string): Promise<void> {
  const backupTemp = tempPathFor(`${path}.bak`);
  await copyFile(path, backupTemp);
  const handle = openSync(backupTemp, 'r+');
  fsyncSync(handle);
  closeSync(handle);
  await rename(backupTemp, `${path}.bak`);
}

/**
 * Replaces `path` with `content` atomically; the previous version becomes `path.bak` when asked.
 * Throws SaveRefused for a read-only file or a folder and file we may not write.
 */
export async function atomicWrite(
  path: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const target = await saveTarget(path);
  const original = await stat(target).catch(() => null);
  if (original && (original.mode & 0o222) === 0)
    throw new SaveRefused(`${basename(path)} is read-only: use Save As to save a copy`, 'readOnly');
  if (original && original.nlink > 1) {
    // Other names point at this file: replacing it would leave them with the old design.
    if (options.keepBackup) await writeBackup(target).catch(() => undefined);
    writeInPlace(target, bytes, options);
    return;
  }
  const temp = tempPathFor(target);
  try {
    writeDurably(temp, bytes, options, original);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (!isPermissionError(error)) throw error;
    // The folder refuses new files. A writable file is still saved, in place (no backup: there is
    // nowhere to put one).
    if (original) {
      try {
        writeInPlace(target, bytes, options);
        return;
      } catch (inPlaceError) {
        if (!isPermissionError(inPlaceError)) throw inPlaceError;
      }
    }
    throw new SaveRefused(`cannot write to ${dirname(target)}: permission denied`, 'permission');
  }
  try {
    if (options.keepBackup && original) await writeBackup(target);
    await rename(temp, target);
    syncDirectory(dirname(target));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes temp files a killed save of `path` left behind (older than a minute): only our own
 * naming pattern and only for this file, never another program's `*.tmp`.
 */
export async function removeStaleTempFiles(path: string, now = Date.now()): Promise<void> {
  const target = await saveTarget(path);
  const directory = dirname(target);
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    if (!isOwnTempFile(target, name) && !isOwnTempFile(`${target}.bak`, name)) continue;
    const file = join(directory, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > 60_000) await rm(file, { force: true });
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
