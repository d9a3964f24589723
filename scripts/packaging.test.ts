// Packaging smoke: electron-builder.yml is valid and `electron-builder --linux dir` (offline, with
// a stub Electron in place of the real binary) produces an app.asar holding the main bundle, the
// preload and the renderer. Builds what it needs first; takes a few seconds.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** The fuse settings the packaged app must have (electron-builder.yml `electronFuses`). */
const LOCKED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};
// The byte of each fuse state in the wire (@electron/fuses FuseState, which its index does not export).
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
/** Those settings as the fuse wire reads back from the binary ('0' off, '1' on), by wire index. */
const LOCKED_WIRE: Record<number, number> = {
  [FuseV1Options.RunAsNode]: FuseState.DISABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
};
// @electron/fuses finds the wire after this sentinel: version byte, length byte, one byte a fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults (run-as-node, NODE_OPTIONS, --inspect and file:// privileges on). */
const DEFAULT_WIRE = '10110001';

function packageLinuxDir(electronDist: string, output: string) {
  return spawnSync(
    bin('electron-builder'),
    ['--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
      // Never reach the network: electronDist stands in for the download and nothing else is fetched.
      env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' },
    },
  );
}

async function expectLockedFuses(executable: string) {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<string, number | string>;
  for (const [index, state] of Object.entries(LOCKED_WIRE))
    expect(wire[index], `fuse ${FuseV1Options[Number(index)]}`).toBe(state);
}

const realElectronDist = join(root, 'node_modules', 'electron', 'dist');
const hasRealElectron = existsSync(join(realElectronDist, 'electron'));
if (!hasRealElectron)
  console.log(
    `packaging: the fuse read-back from a real Electron binary is skipped: ${realElectronDist}/electron is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; this machine cannot download it). The stub binary below carries a fuse wire, so the flip is still checked.`,
  );

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

  it('electron-builder.yml locks the binary with fuses (no run-as-node, NODE_OPTIONS or --inspect; asar only, checked)', async () => {
    // @ts-expect-error -- untyped module
    const { load } = (await import('js-yaml')) as { load: (text: string) => unknown };
    const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as any;
    expect(config.electronFuses).toEqual(LOCKED_FUSES);
  });

  it('builds a Linux app directory offline whose app.asar holds main, preload and the renderer', () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'pipe' });
    if (!existsSync(join(root, 'dist/renderer/index.html')))
      execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });

    const scratch = mkdtempSync(join(tmpdir(), 'bp-package-'));
    const stubElectron = join(scratch, 'electron-dist');
    mkdirSync(stubElectron);
    // A stub executable that carries Electron's default fuse wire, so the fuses are really flipped.
    writeFileSync(
      join(stubElectron, 'electron'),
      Buffer.concat([
        Buffer.from(`#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}`),
        Buffer.from([1, DEFAULT_WIRE.length]),
        Buffer.from(DEFAULT_WIRE),
        Buffer.from('\n'),
      ]),
    );
    chmodSync(join(stubElectron, 'electron'), 0o755);
    const output = join(scratch, 'release');
    const result = packageLinuxDir(stubElectron, output);
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
    const executable = join(output, 'linux-unpacked', 'backpressure');
    expect(existsSync(executable)).toBe(true);
    return expectLockedFuses(executable);
  });

  it.skipIf(!hasRealElectron)(
    'the packaged real Electron binary reads back the locked fuse wire',
    async () => {
      const output = join(mkdtempSync(join(tmpdir(), 'bp-package-real-')), 'release');
      const result = packageLinuxDir(realElectronDist, output);
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      await expectLockedFuses(join(output, 'linux-unpacked', 'backpressure'));
    },
  );
});
