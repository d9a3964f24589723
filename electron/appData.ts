// What the desktop app keeps in its app-data folder: recent files, autosaved drafts and the window
// bounds. Plain Node with the folder passed in, so tests run it against a temp directory.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Draft, DraftInfo, RecentFile } from '../shared/platform/desktopApi';
import { draftIdPayload, draftPayload } from '../shared/platform/payloads';
import { atomicWrite, exists } from './files';

export const RECENT_LIMIT = 10;

const recentSchema = z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.number() }));
const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class AppData {
  constructor(readonly directory: string) {}

  private get recentPath() {
    return join(this.directory, 'recent-files.json');
  }
  private get draftsDirectory() {
    return join(this.directory, 'drafts');
  }
  private get boundsPath() {
    return join(this.directory, 'window-state.json');
  }
  private draftPath(id: string) {
    return join(this.draftsDirectory, `${draftIdPayload.parse(id)}.json`);
  }

  /** Recent files, newest first, each marked missing when the file is gone. */
  async recentFiles(): Promise<RecentFile[]> {
    const entries = (await readJson(this.recentPath, recentSchema)) ?? [];
    return Promise.all(entries.map(async (entry) => ({ ...entry, missing: !(await exists(entry.path)) })));
  }

  async rememberRecent(path: string, now = Date.now()): Promise<void> {
    const entries = ((await readJson(this.recentPath, recentSchema)) ?? []).filter(
      (entry) => entry.path !== path,
    );
    entries.unshift({ path, name: basename(path), openedAt: now });
    await mkdir(this.directory, { recursive: true });
    await atomicWrite(this.recentPath, JSON.stringify(entries.slice(0, RECENT_LIMIT), null, 2));
  }

  async removeRecent(path: string): Promise<void> {
    const entries = ((await readJson(this.recentPath, recentSchema)) ?? []).filter(
      (entry) => entry.path !== path,
    );
    await mkdir(this.directory, { recursive: true });
    await atomicWrite(this.recentPath, JSON.stringify(entries, null, 2));
  }

  async writeDraft(draft: Draft): Promise<void> {
    await mkdir(this.draftsDirectory, { recursive: true });
    await atomicWrite(this.draftPath(draft.id), JSON.stringify(draft));
  }

  /** A draft, validated like a file: a damaged draft is reported as absent rather than crashing. */
  async readDraft(id: string): Promise<Draft | null> {
    return readJson(this.draftPath(id), draftPayload);
  }

  async listDrafts(): Promise<DraftInfo[]> {
    const names = await readdir(this.draftsDirectory).catch(() => [] as string[]);
    const drafts: DraftInfo[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const draft = await this.readDraft(name.slice(0, -'.json'.length)).catch(() => null);
      if (draft)
        drafts.push({
          id: draft.id,
          savedAt: draft.savedAt,
          file: draft.file,
          title: draft.design.meta.title,
        });
    }
    return drafts.sort((a, b) => b.savedAt - a.savedAt);
  }

  async clearDraft(id: string): Promise<void> {
    await rm(this.draftPath(id), { force: true });
  }

  async windowBounds(): Promise<WindowBounds | null> {
    return readJson(this.boundsPath, boundsSchema);
  }

  async saveWindowBounds(bounds: WindowBounds): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await atomicWrite(this.boundsPath, JSON.stringify(bounds));
  }
}
