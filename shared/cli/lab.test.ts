// `backpressure lab check`: pass/fail per step, exit 0 all pass, 1 a failed check, 2 a bad file
// (its JSON path named, no stack trace).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { mmcDesign } from '../testing/designs';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (path in files) return files[path];
      return readFileSync(path, 'utf8');
    },
  });
  return { code, stdout, stderr };
}

const lab = (
  steps: unknown[],
  design: unknown = mmcDesign({ lambdaRps: 50, servers: 1, serviceTimeMs: 10, durationS: 300 }),
) =>
  JSON.stringify({
    format: 'backpressure.lab',
    version: 1,
    id: 'tiny',
    title: 'Tiny lab',
    concept: 'queueing',
    kind: 'fundamentals',
    level: 'beginner',
    minutes: 1,
    learn: ['x'],
    design,
    variants: { double: [{ set: 'client', params: { rps: 90 } }] },
    steps,
  });

describe('backpressure lab check', () => {
  it('prints pass per step and exits 0 when every step passes', () => {
    const { code, stdout, stderr } = run(['lab', 'check', 'tiny.bplab'], {
      'tiny.bplab': lab([
        { id: 'busy', caption: 'x', check: { metric: 'server.utilization', op: '>=', value: 0.3, overS: 3 } },
        {
          id: 'more',
          caption: 'x',
          check: { compare: { a: 'double' }, metric: 'server.utilization', op: '>', durationS: 30 },
        },
      ]),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Tiny lab \(tiny\) — 2 of 2 steps pass\n/);
    expect(stdout).toMatch(/busy\s+PASS\s+\d+ s {2}server utilization \d+% ≥ 30% for 3 s/);
  });

  it('exits 1 with the failed step when a check never holds, and --json prints one object', () => {
    const { code, stdout } = run(['lab', 'check', 'tiny.bplab', '--json'], {
      'tiny.bplab': lab([
        {
          id: 'never',
          caption: 'x',
          maxS: 5,
          check: { metric: 'server.utilization', op: '>=', value: 0.99 },
        },
      ]),
    });
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      id: 'tiny',
      passed: false,
      steps: [{ id: 'never', state: 'fail', simTimeS: 5 }],
    });
    expect(result.steps[0].detail).toMatch(/needs ≥ 99% \(not within 5 s\)$/);
  });

  it('exits 2 naming the JSON path of a bad file, without a stack trace', () => {
    const { code, stdout, stderr } = run(['lab', 'check', 'bad.bplab'], {
      'bad.bplab': lab([
        { id: 'a', caption: 'x', check: { metric: 'server.utilization', op: '>>', value: 1 } },
      ]),
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.bplab is not a valid lab:\n {2}- steps\[0\]\.check\.op: must be one of/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run(['lab', 'check', 'missing.bplab']).code).toBe(2);
    expect(run(['lab', 'frob']).stderr).toMatch(/unknown lab command "frob"/);
  });

  it('finds a template design beside the lab folder', () => {
    const file = `${root}assets/labs/from-template.bplab`;
    const { code, stderr } = run(['lab', 'check', file], {
      [file]: lab(
        [{ id: 'up', caption: 'x', check: { metric: 'server.utilization', op: '>=', value: 0.5, overS: 2 } }],
        {
          template: 'mm1',
        },
      ),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
