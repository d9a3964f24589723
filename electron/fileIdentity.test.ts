import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedOnDisk, identityOf, OpenFileWatch } from './fileIdentity';

const scratchFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'bp-identity-')), 'design.bpd');
  writeFileSync(path, text);
  return path;
};

describe('the version of a file the document came from', () => {
  it('sees a second writer change the file', async () => {
    const path = scratchFile('{"version": 1}');
    const known = (await identityOf(path))!;
    expect(await changedOnDisk(path, known)).toBe(false);
    writeFileSync(path, '{"version": 2, "edited": "by another program"}');
    expect(await changedOnDisk(path, known)).toBe(true);
  });

  it('sees a same-size rewrite with a new time (the content hash decides)', async () => {
    const path = scratchFile('{"title":"aaaa"}');
    const known = (await identityOf(path))!;
    writeFileSync(path, '{"title":"bbbb"}');
    const later = new Date(known.mtimeMs + 5000);
    utimesSync(path, later, later);
    expect(await changedOnDisk(path, known)).toBe(true);
  });

  it('does not call a touch (new time, same bytes) a change', async () => {
    const path = scratchFile('{"title":"same"}');
    const known = (await identityOf(path))!;
    const later = new Date(known.mtimeMs + 5000);
    utimesSync(path, later, later);
    expect(await changedOnDisk(path, known)).toBe(false);
  });

  it('calls a deleted file changed (saving would recreate it)', async () => {
    const path = scratchFile('{}');
    const known = (await identityOf(path))!;
    const { rmSync } = await import('node:fs');
    rmSync(path);
    expect(await changedOnDisk(path, known)).toBe(true);
    expect(await identityOf(path)).toBeNull();
  });
});

describe('watching the open file', () => {
  const waitFor = async (check: () => boolean, timeoutMs = 3000) => {
    const start = Date.now();
    while (!check() && Date.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 20));
    return check();
  };

  it('calls back when another program changes the file, not for a touch, not after stop', async () => {
    const path = scratchFile('{"version": 1}');
    const changes: string[] = [];
    const watch = new OpenFileWatch((changed) => changes.push(changed), 25);
    watch.follow(path, (await identityOf(path))!);

    const touched = new Date(Date.now() + 2000);
    utimesSync(path, touched, touched);
    await new Promise((r) => setTimeout(r, 200));
    expect(changes).toEqual([]);

    writeFileSync(path, '{"version": 2}');
    expect(await waitFor(() => changes.length > 0)).toBe(true);
    expect(changes[0]).toBe(path);

    watch.stop();
    const before = changes.length;
    writeFileSync(path, '{"version": 3}');
    await new Promise((r) => setTimeout(r, 200));
    expect(changes.length).toBe(before);
    expect(readFileSync(path, 'utf8')).toContain('3');
  });

  it('does not report our own save once the new version is recorded', async () => {
    const path = scratchFile('{"version": 1}');
    const changes: string[] = [];
    const watch = new OpenFileWatch((changed) => changes.push(changed), 25);
    watch.follow(path, (await identityOf(path))!);
    writeFileSync(path, '{"version": "saved by us"}');
    watch.follow(path, (await identityOf(path))!);
    await new Promise((r) => setTimeout(r, 250));
    expect(changes).toEqual([]);
    watch.stop();
  });
});

describe('our own save', () => {
  it('is never reported as a change, even when the poll sees it mid-write', async () => {
    const path = scratchFile('{"version": 1}');
    const changes: string[] = [];
    const watch = new OpenFileWatch((changed) => changes.push(changed), 10);
    watch.follow(path, (await identityOf(path))!);
    await watch.whileWriting(async () => {
      writeFileSync(path, '{"version": "ours, being written"}');
      await new Promise((r) => setTimeout(r, 100));
      writeFileSync(path, '{"version": "ours, written"}');
      watch.follow(path, (await identityOf(path))!);
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(changes).toEqual([]);
    watch.stop();
  });
});
