// The README's test command: type-check, lint, unit tests (Vitest), build, end-to-end tests
// (Playwright), then one closing line "N passed, N failed" totalling unit and end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const run = (label, command, args) => {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return result.status === 0;
};
const npx = (label, ...args) => run(label, 'npx', args);

let stepsFailed = [];
if (!npx('type-check', 'tsc', '-p', 'tsconfig.json')) stepsFailed.push('type-check');
if (!npx('type-check (pure core)', 'tsc', '-p', 'shared/tsconfig.json')) stepsFailed.push('type-check core');
if (!npx('lint', 'eslint', '.')) stepsFailed.push('eslint');
if (!npx('format', 'prettier', '--check', '.')) stepsFailed.push('prettier');

npx(
  'unit tests',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/unit.json',
);
if (!run('build', 'npm', ['run', '-s', 'build'])) stepsFailed.push('build');
npx('end-to-end tests', 'playwright', 'test');

const count = (file, read) => {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, missing: true };
  return read(JSON.parse(readFileSync(file, 'utf8')));
};
const unit = count('test-results/unit.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (r.numFailedTestSuites ?? 0),
  skipped: r.numPendingTests + r.numTodoTests,
}));
const e2e = count('test-results/e2e.json', (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
}));
if (unit.missing) stepsFailed.push('unit report missing');
if (e2e.missing) stepsFailed.push('e2e report missing');

const failed = unit.failed + e2e.failed + stepsFailed.length;
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
if (stepsFailed.length) console.log(`failed steps: ${stepsFailed.join(', ')}`);
console.log(`${unit.passed + e2e.passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
