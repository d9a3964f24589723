// Which version of a file the open document came from: size, modification time and a content hash,
// recorded when it was opened or saved. Before a save the file is compared again, so a change made
// by another program is never overwritten silently; a poll of the open file tells the renderer
// when it changes. Plain Node (no Electron) so it is unit-tested.
import { createHash } from 'node:crypto';
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

export interface FileIdentity {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export const identityOfText = (
  text: string | Uint8Array,
  info: { size: number; mtimeMs: number },
): FileIdentity => ({
  size: info.size,
  mtimeMs: info.mtimeMs,
  sha256: createHash('sha256').update(text).digest('hex'),
});

/** The file's identity now, or null when it is gone. */
export async function identityOf(path: string): Promise<FileIdentity | null> {
  try {
    const info = await stat(path);
    return identityOfText(await readFile(path), info);
  } catch {
    return null;
  }
}

/**
 * Whether the file is no longer the version we know. The content decides: a touch (new mtime,
 * same bytes) is not a change; a deleted file is (saving recreates it, which the user should know).
 */
export async function changedOnDisk(path: string, known: FileIdentity): Promise<boolean> {
  const now = await stat(path).catch(() => null);
  if (!now) return true;
  if (now.size === known.size && now.mtimeMs === known.mtimeMs) return false;
  const current = await identityOf(path);
  return current === null || current.sha256 !== known.sha256;
}

/**
 * Polls one file (fs.watchFile: it survives editors that save by replacing the file, which
 * fs.watch loses) and calls back when its content differs from the identity we last recorded.
 */
export class OpenFileWatch {
  private path: string | null = null;
  private known: FileIdentity | null = null;
  /** Our own save in progress: what the poll sees then is us, not another program. */
  private ownWrites = 0;
  private readonly listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    const path = this.path;
    const known = this.known;
    if (!path || !known || this.ownWrites > 0) return;
    void changedOnDisk(path, known).then((changed) => {
      // A save that finished meanwhile recorded a new version: the change was ours.
      if (changed && path === this.path && known === this.known && this.ownWrites === 0) this.onChange(path);
    });
  };

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly intervalMs = 1000,
  ) {}

  /** Watch `path`, whose current version is `identity` (after an open or a save). */
  follow(path: string, identity: FileIdentity): void {
    if (this.path !== path) {
      this.stop();
      this.path = path;
      watchFile(path, { interval: this.intervalMs, persistent: false }, this.listener);
    }
    this.known = identity;
  }

  /** The open document's file, if it has one (exports are offered next to it). */
  get followedPath(): string | null {
    return this.path;
  }

  /** Runs our own write of the watched file without reporting it as someone else's change. */
  async whileWriting<T>(write: () => Promise<T>): Promise<T> {
    this.ownWrites += 1;
    try {
      return await write();
    } finally {
      this.ownWrites -= 1;
    }
  }

  stop(): void {
    if (this.path) unwatchFile(this.path, this.listener);
    this.path = null;
    this.known = null;
  }
}
