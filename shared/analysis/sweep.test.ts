// Sweeps through the engine: parameter paths and ranges checked against the catalog, seeds
// base + r, per-point CIs, the same answer however the runs are scheduled, and an M/M/1 sweep
// whose SLO limit theory gives (p99 = ln(100)/(μ − λ) ≤ 200 ms ⇔ λ ≤ 76.97 req/s at μ = 100/s).
import { describe, expect, it } from 'vitest';
import { closedLoopDesign, mmcDesign } from '../testing/designs';
import { template } from '../testing/templates';
import { AnalysisError, dispatchOrder, type TaskRunner } from './runs';
import { runInProcess, runTask } from './runTask';
import { planSweep, resolveParamPath, runSweep, sweepValues, type SweepSpec } from './sweep';

const mm1 = mmcDesign({ lambdaRps: 50, serviceTimeMs: 10, servers: 1, durationS: 20 });
const spec = (over: Partial<SweepSpec> = {}): SweepSpec => ({
  param: 'client.rps',
  from: 20,
  to: 95,
  steps: 6,
  seeds: 1,
  baseSeed: 1,
  durationS: 20,
  warmupS: 2,
  maxEvents: 1e8,
  ...over,
});

describe('parameter paths and values', () => {
  it('resolve node and connection parameters through the catalog', () => {
    expect(resolveParamPath(mm1, 'client.rps')).toMatchObject({ on: 'node', id: 'client', param: 'rps' });
    expect(resolveParamPath(mm1, 'server.workers').spec.integer).toBe(true);
    expect(resolveParamPath(mm1, 'client->server.latencyMs')).toMatchObject({
      on: 'edge',
      param: 'latencyMs',
    });
  });

  it('name what is wrong with a bad path', () => {
    const problem = (path: string) => {
      try {
        resolveParamPath(mm1, path);
      } catch (error) {
        expect(error).toBeInstanceOf(AnalysisError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(problem('rps')).toBe('--param must be NODE.PARAM, e.g. users.rps (got "rps")');
    expect(problem('users.rps')).toBe(
      '--param users.rps: no node or connection "users" in the design (nodes: client, server)',
    );
    expect(problem('client.rpz')).toMatch(
      /^--param client.rpz: Client "client" has no parameter "rpz" \(its numeric parameters: rps, /,
    );
    expect(problem('client.mode')).toMatch(/"mode" is not a number \(one of open, closed\)/);
  });

  it('are evenly spaced, inside the range, whole for integer parameters', () => {
    const rps = resolveParamPath(mm1, 'client.rps');
    expect(sweepValues(rps, 100, 2000, 20)).toHaveLength(20);
    expect(sweepValues(rps, 100, 400, 4)).toEqual([100, 200, 300, 400]);
    expect(() => sweepValues(rps, 2000, 100, 5)).toThrow('--from (2000) must not be greater than --to (100)');
    expect(() => sweepValues(rps, 100, 200, 1)).toThrow('--steps must be a whole number ≥ 2 (got 1)');
    expect(() => sweepValues(rps, 100, 2e7, 3)).toThrow(
      '--to 20000000 is out of range for client.rps: Rate is 0 to 10000000 req/s',
    );
    const workers = resolveParamPath(mm1, 'server.workers');
    expect(sweepValues(workers, 1, 10, 4)).toEqual([1, 4, 7, 10]);
    expect(() => sweepValues(workers, 1, 3, 5)).toThrow('use at most 3 steps');
  });

  it('give replication r the seed base + r, at every point', () => {
    const plan = planSweep(mm1, spec({ seeds: 3, baseSeed: 40, steps: 2 }));
    expect(plan.seeds).toEqual([40, 41, 42]);
    expect(plan.tasks.map((t) => [t.design.nodes[0].params.rps, t.seed])).toEqual([
      [20, 40],
      [20, 41],
      [20, 42],
      [95, 40],
      [95, 41],
      [95, 42],
    ]);
    // The design given is untouched.
    expect(mm1.nodes[0].params.rps).toBe(50);
  });
});

describe('a sweep through the engine', () => {
  it('finds the M/M/1 knee and SLO limit near theory (ρ = 2/3; 76.97 req/s)', async () => {
    // 60 s per point at 3 seeds: near saturation a short run's p99 wanders (the queue is slow to mix).
    const result = await runSweep(
      mm1,
      spec({ from: 30, to: 95, steps: 14, seeds: 3, durationS: 60, warmupS: 5 }),
      runInProcess,
    );
    expect(result.points).toHaveLength(14);
    expect(result.unit).toBe('req/s');
    expect(result.knee).not.toBeNull();
    expect(result.knee!.load).toBeGreaterThan(55);
    expect(result.knee!.load).toBeLessThan(85);
    expect(result.withinSlo.maxLoad!).toBeGreaterThan(65);
    expect(result.withinSlo.maxLoad!).toBeLessThan(85);
    expect(result.withinSlo.summary).toMatch(
      /^meets p99 ≤ 200 ms and errors ≤ 1% up to \d+(\.\d)? req\/s \(p99 fail at \d+ req\/s\); server saturates first/,
    );
    const last = result.points[13];
    expect(last.nodes.server.utilization.mean!).toBeGreaterThan(0.9);
    expect(last.offeredRps.mean!).toBeCloseTo(95, -1);
  });

  it('carries 95% CIs per point when seeds > 1, none with one seed', async () => {
    const one = await runSweep(mm1, spec({ steps: 2, durationS: 10 }), runInProcess);
    expect(one.points[0].latencyMs.p99.halfWidth).toBeNull();
    const three = await runSweep(mm1, spec({ steps: 2, seeds: 3, durationS: 10 }), runInProcess);
    const p99 = three.points[1].latencyMs.p99;
    expect(p99.n).toBe(3);
    expect(p99.halfWidth!).toBeGreaterThan(0);
    expect(p99.low!).toBeLessThan(p99.mean!);
  });

  it('gives the same JSON however the runs are scheduled (reversed, interleaved)', async () => {
    const reversed: TaskRunner = async (tasks) => {
      const out = new Array(tasks.length);
      for (let i = tasks.length - 1; i >= 0; i--) out[i] = runTask(tasks[i]);
      return out;
    };
    const s = spec({ steps: 3, seeds: 2, durationS: 8 });
    const a = JSON.stringify(await runSweep(mm1, s, runInProcess));
    const b = JSON.stringify(await runSweep(mm1, s, reversed));
    expect(b).toBe(a);
  });

  it('refuses a point too big to run, naming it', () => {
    expect(() =>
      planSweep(template('six-tier-reference'), spec({ from: 1e6, to: 1e7, steps: 2, durationS: 60 })),
    ).toThrow(/^the point client\.rps = 1000000 is too big to run: clients "client" rps 1e6/);
  });
});

describe('the order a worker pool starts a sweep in (longest-processing-time first)', () => {
  it('starts the heaviest offered load first, so the last run to start is a light one', () => {
    // 2 workers, loads 1…4 (work ∝ rps × seconds): in task order the heaviest starts last and
    // the makespan is 1+3 | 2+4 = 6; heaviest first gives 4+1 | 3+2 = 5, the optimum.
    const plan = planSweep(mm1, spec({ from: 10, to: 40, steps: 4, seeds: 2 }));
    const order = dispatchOrder(plan.tasks);
    const rpsOf = (index: number) => plan.tasks[index].design.nodes[0].params.rps;
    expect(order.map(rpsOf)).toEqual([40, 40, 30, 30, 20, 20, 10, 10]);
    // Ties (replications of one point) keep task order; every task once.
    expect(order.slice(0, 2)).toEqual([6, 7]);
    expect([...order].sort((a, b) => a - b)).toEqual(plan.tasks.map((_t, i) => i));
  });

  it('weighs a closed-loop client by users ÷ think time', () => {
    const closed = (users: number, thinkTimeMs: number) => ({
      design: closedLoopDesign({ users, serviceTimeMs: 1, thinkTimeMs, durationS: 10, warmupS: 0, seed: 1 }),
      seed: 1,
      durationS: 10,
      warmupS: 0,
      maxEvents: 1e6,
    });
    // 10 users thinking 1 s ≈ 10 req/s; 5 users thinking 100 ms ≈ 50 req/s.
    expect(dispatchOrder([closed(10, 1000), closed(5, 100)])).toEqual([1, 0]);
  });
});
