// The closing line of `npm test` (and so of .ci/run) is what CI and people read: it must count
// failures of every kind and never count a skipped test as passed.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { e2eCounts, summary, unitCounts } from './test-all.mjs';

const root = new URL('..', import.meta.url).pathname;
const vitestReport = {
  numPassedTests: 120,
  numFailedTests: 1,
  numFailedTestSuites: 1,
  numPendingTests: 2,
  numTodoTests: 1,
};
const playwrightReport = { stats: { expected: 70, unexpected: 2, flaky: 1, skipped: 4 } };

describe('npm test summary', () => {
  it('ends with exactly "N passed, N failed", skipped tests on the line before and not as passed', () => {
    const { lines, failed } = summary(unitCounts(vitestReport), e2eCounts(playwrightReport), []);
    expect(lines.at(-1)).toBe('191 passed, 4 failed');
    expect(lines.at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
    expect(lines.at(-2)).toBe('7 skipped (not counted as passed)');
    expect(lines[0]).toBe('unit: 120 passed, 2 failed, 3 skipped');
    expect(lines[1]).toBe('e2e: 71 passed, 2 failed, 4 skipped');
    expect(failed).toBe(4);
  });

  it('counts a failed step (type error, lint, build) and a missing report as failures', () => {
    const clean = { stats: { expected: 5, unexpected: 0, flaky: 0, skipped: 0 } };
    const { lines, failed } = summary(unitCounts(null), e2eCounts(clean), ['eslint', 'unit report missing']);
    expect(lines).toContain('failed steps: eslint, unit report missing');
    expect(lines.at(-1)).toBe('5 passed, 2 failed');
    expect(failed).toBe(2);
  });

  it('is all green only when nothing failed', () => {
    const { lines, failed } = summary(
      unitCounts({ numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }),
      e2eCounts({ stats: { expected: 2, unexpected: 0, flaky: 0, skipped: 1 } }),
      [],
    );
    expect(failed).toBe(0);
    expect(lines.at(-1)).toBe('5 passed, 0 failed');
  });

  it('.ci/run installs without the Electron binary, runs npm test and fails when npm test fails', () => {
    // Stand-ins for npm and apt-get record how they were called; `npm test` fails.
    const bin = mkdtempSync(join(tmpdir(), 'bp-ci-'));
    const log = join(bin, 'calls.log');
    const fake = (name: string, body: string) => {
      writeFileSync(
        join(bin, name),
        `#!/bin/sh\necho "${name} $* skip=$ELECTRON_SKIP_BINARY_DOWNLOAD" >> ${log}\n${body}\n`,
      );
      chmodSync(join(bin, name), 0o755);
    };
    fake('npm', '[ "$1" = test ] && exit 3; exit 0');
    fake('apt-get', 'exit 0');
    const ci = spawnSync('bash', [join(root, '.ci/run')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(ci.status).not.toBe(0);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('npm'));
    expect(calls[0]).toMatch(/^npm ci .*skip=1$/);
    expect(calls.at(-1)).toMatch(/^npm test/);
  });
});
