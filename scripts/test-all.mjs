// The README's test command (`npm test`): type-check, lint, format check, unit tests (Vitest), build,
// end-to-end tests (Playwright). Every step runs even when an earlier one failed, so one run shows
// everything that is wrong. The last line is "N passed, N failed": passed counts unit and
// end-to-end tests; failed counts failed tests plus failed steps (a type error is a failure too).
// Skipped tests (e.g. the Electron tests where no Electron binary is installed) are counted on the
// line before it, never as passed. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// Playwright empties test-results/ when it starts: the unit report is read before that.
const UNIT_REPORT = 'test-results/unit.json';
const E2E_REPORT = 'test-results/e2e.json';

/** Counts from Vitest's JSON report (Jest format); a missing report counts as one failure. */
export function unitCounts(report) {
  if (!report) return { passed: 0, failed: 0, skipped: 0, missing: true };
  return {
    passed: report.numPassedTests,
    // A test file that fails to load has no failed tests but is a failed suite.
    failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's JSON report; a flaky test (passed on retry) counts as passed. */
export function e2eCounts(report) {
  if (!report) return { passed: 0, failed: 0, skipped: 0, missing: true };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

/** The closing lines; the last one is always exactly "N passed, N failed". */
export function summary(unit, e2e, stepsFailed) {
  const failed = unit.failed + e2e.failed + stepsFailed.length;
  const lines = [
    `unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`,
    `e2e: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`,
  ];
  if (stepsFailed.length) lines.push(`failed steps: ${stepsFailed.join(', ')}`);
  lines.push(`${unit.skipped + e2e.skipped} skipped (not counted as passed)`);
  lines.push(`${unit.passed + e2e.passed} passed, ${failed} failed`);
  return { lines, failed };
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function main() {
  const run = (label, command, args) => {
    console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
    const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
    return result.status === 0;
  };
  const npx = (label, ...args) => run(label, 'npx', args);
  const stepsFailed = [];
  const step = (name, ok) => {
    if (!ok) stepsFailed.push(name);
  };

  mkdirSync('test-results', { recursive: true });
  // A report left by an earlier run must never be counted for this one.
  rmSync(UNIT_REPORT, { force: true });
  rmSync(E2E_REPORT, { force: true });

  step('type-check', npx('type-check', 'tsc', '-p', 'tsconfig.json'));
  step('type-check core', npx('type-check (pure core)', 'tsc', '-p', 'shared/tsconfig.json'));
  step('eslint', npx('lint', 'eslint', '.'));
  step('prettier', npx('format', 'prettier', '--check', '.'));
  npx('unit tests', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${UNIT_REPORT}`);
  const unit = unitCounts(existsSync(UNIT_REPORT) ? readReport(UNIT_REPORT) : null);
  step('build', run('build', 'npm', ['run', '-s', 'build']));
  npx('end-to-end tests', 'playwright', 'test');

  const e2e = e2eCounts(existsSync(E2E_REPORT) ? readReport(E2E_REPORT) : null);
  if (unit.missing) stepsFailed.push('unit report missing');
  if (e2e.missing) stepsFailed.push('e2e report missing');
  const { lines, failed } = summary(unit, e2e, stepsFailed);
  console.log(`\n${lines.join('\n')}`);
  process.exit(failed === 0 ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
