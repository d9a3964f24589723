// Packaging smoke: electron-builder.yml is valid and `electron-builder --linux dir` (offline, with
// a stub Electron in place of the real binary) produces an app.asar holding the main bundle, the
// preload and the renderer. Builds what it needs first; takes a few seconds.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

describe('packaging', () => {
  it('electron-builder.yml declares the targets, the .bpd file association and an icon that exists', async () => {
    // js-yaml is the YAML reader electron-builder itself uses (via builder-util); it ships no types.
    // @ts-expect-error -- untyped module
    const { load } = (await import('js-yaml')) as { load: (text: string) => unknown };
    const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as any;
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'bpd' })]);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon])
      expect(existsSync(join(root, icon))).toBe(true);
  });

  it('builds a Linux app directory offline whose app.asar holds main, preload and the renderer', () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    if (!existsSync(join(root, 'dist/renderer/index.html')))
      execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });

    const scratch = mkdtempSync(join(tmpdir(), 'bp-package-'));
    const stubElectron = join(scratch, 'electron-dist');
    mkdirSync(stubElectron);
    writeFileSync(join(stubElectron, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(stubElectron, 'electron'), 0o755);
    const output = join(scratch, 'release');
    const result = spawnSync(
      bin('electron-builder'),
      ['--linux', 'dir', `-c.electronDist=${stubElectron}`, `-c.directories.output=${output}`],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        // Never reach the network: the stub stands in for Electron and nothing else is fetched.
        env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' },
      },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const asar = join(output, 'linux-unpacked', 'resources', 'app.asar');
    const files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    expect(files).toEqual(
      expect.arrayContaining([
        '/dist/electron/main.cjs',
        '/dist/electron/preload.cjs',
        '/dist/renderer/index.html',
        '/package.json',
        '/assets/icon.png',
      ]),
    );
    // The renderer's scripts and the bundled templates the start screen offers ship too.
    expect(files.some((file) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
    expect(files.filter((file) => /^\/dist\/templates\/[\w-]+\.bpd$/.test(file)).length).toBeGreaterThan(0);
    // Everything is bundled: no node_modules and no source maps ship.
    expect(files.filter((file) => file.startsWith('/node_modules') || file.endsWith('.map'))).toEqual([]);
    expect(
      existsSync(join(output, 'linux-unpacked', 'backpressure')) ||
        existsSync(join(output, 'linux-unpacked', 'electron')),
    ).toBe(true);
  });
});
