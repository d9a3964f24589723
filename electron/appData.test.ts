import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../shared/document/types';
import { AppData } from './appData';

const scratch = () => mkdtempSync(join(tmpdir(), 'bp-appdata-'));

describe('draft recovery', () => {
  it('keeps a draft of a modified document across a restart until it is cleared', async () => {
    const folder = scratch();
    const design = { ...emptyDesign('Unsaved checkout') };
    await new AppData(folder).writeDraft({ id: 'session-1', savedAt: 1_700_000_000_000, file: null, design });

    // "Crash": a fresh AppData on the same folder is what the next start sees.
    const nextStart = new AppData(folder);
    expect(await nextStart.listDrafts()).toEqual([
      { id: 'session-1', savedAt: 1_700_000_000_000, file: null, title: 'Unsaved checkout' },
    ]);
    expect((await nextStart.readDraft('session-1'))?.design).toEqual(design);
    await nextStart.clearDraft('session-1');
    expect(await nextStart.listDrafts()).toEqual([]);
  });

  it('lists the newest draft first and skips a damaged draft instead of failing', async () => {
    const folder = scratch();
    const data = new AppData(folder);
    await data.writeDraft({ id: 'old', savedAt: 1, file: null, design: emptyDesign('Old') });
    await data.writeDraft({
      id: 'new',
      savedAt: 2,
      file: { path: '/x/a.bpd', name: 'a.bpd' },
      design: emptyDesign('New'),
    });
    writeFileSync(join(folder, 'drafts', 'broken.json'), '{"id": "broken", "design": ');
    expect((await data.listDrafts()).map((draft) => draft.id)).toEqual(['new', 'old']);
  });

  it('refuses a draft id that could escape the drafts folder', async () => {
    const data = new AppData(scratch());
    await expect(data.readDraft('../../etc/passwd')).rejects.toThrow();
  });
});

describe('recent files', () => {
  it('lists newest first, marks a file that is gone as missing, and removes it on request', async () => {
    const folder = scratch();
    const data = new AppData(folder);
    const kept = join(folder, 'kept.bpd');
    const gone = join(folder, 'gone.bpd');
    writeFileSync(kept, '{}');
    writeFileSync(gone, '{}');
    await data.rememberRecent(gone, 1);
    await data.rememberRecent(kept, 2);
    rmSync(gone);
    expect(await data.recentFiles()).toEqual([
      { path: kept, name: 'kept.bpd', openedAt: 2, missing: false },
      { path: gone, name: 'gone.bpd', openedAt: 1, missing: true },
    ]);
    await data.removeRecent(gone);
    expect((await data.recentFiles()).map((file) => file.name)).toEqual(['kept.bpd']);
  });

  it('keeps at most 10 and moves a reopened file to the top', async () => {
    const data = new AppData(scratch());
    for (let index = 0; index < 12; index++) await data.rememberRecent(`/designs/${index}.bpd`, index);
    await data.rememberRecent('/designs/5.bpd', 100);
    const names = (await data.recentFiles()).map((file) => file.name);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('5.bpd');
  });
});

describe('window bounds', () => {
  it('remembers size and position, and ignores a damaged state file', async () => {
    const folder = scratch();
    const data = new AppData(folder);
    expect(await data.windowBounds()).toBeNull();
    await data.saveWindowBounds({ x: 10, y: 20, width: 1280, height: 800, maximized: false });
    expect(await new AppData(folder).windowBounds()).toEqual({
      x: 10,
      y: 20,
      width: 1280,
      height: 800,
      maximized: false,
    });
    writeFileSync(join(folder, 'window-state.json'), 'nonsense');
    expect(await data.windowBounds()).toBeNull();
  });
});
