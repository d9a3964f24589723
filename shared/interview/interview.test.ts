// The interview's pure core: the phase plan and clock, Little's law on the requirements card, the
// capacity estimator's formulas, the growth check's planning and verdict, and the saved state.
import { describe, expect, it } from 'vitest';
import { design, edge, interviewDesign, node } from '../testing/designs';
import { parseDesign } from '../document/validate';
import { emptyDesign } from '../document/types';
import { formatClock, lengthProblem, PHASES, planPhases } from './phases';
import {
  checkpoint,
  elapsedAt,
  endInterview,
  goToPhase,
  newInterview,
  nextPhase,
  pause,
  phaseSpentMs,
  resume,
} from './state';
import {
  clientParams,
  DEFAULT_REQUIREMENTS,
  loadFigures,
  requirementsProblems,
  sloFromRequirements,
} from './requirements';
import { estimateCapacity, measuredTier, SECONDS_PER_YEAR } from './estimator';
import { growthFactorProblem, growthVerdict, planGrowthCheck, scaleLoad } from './growth';
import type { RunSummary } from '../analysis/runs';

const start = () =>
  newInterview({
    id: 'iv1',
    prompt: 'Design a URL shortener',
    problem: 'blank',
    lengthMin: 45,
    nowMs: 1_000,
  });

describe('phase plan', () => {
  it('gives the five phases shares that add up to the whole length', () => {
    expect(PHASES.reduce((sum, phase) => sum + phase.share, 0)).toBeCloseTo(1, 10);
    const plan = planPhases(45);
    expect(plan.map((phase) => phase.plannedMs)).toEqual([405_000, 405_000, 1_080_000, 540_000, 270_000]);
    expect(plan[2].startMs).toBe(810_000);
    expect(plan.reduce((sum, phase) => sum + phase.plannedMs, 0)).toBe(45 * 60_000);
  });
  it('refuses a length that is not 1–600 minutes, naming it', () => {
    expect(lengthProblem('45')).toBeNull();
    expect(lengthProblem('abc')).toMatch(/number of minutes/);
    expect(lengthProblem('0')).toMatch(/from 1 to 600/);
  });
  it('reads the clock as m:ss and h:mm:ss', () => {
    expect(formatClock(754_000)).toBe('12:34');
    expect(formatClock(3_754_000)).toBe('1:02:34');
    expect(formatClock(-61_000)).toBe('−1:01');
  });
});

describe('interview clock', () => {
  it('runs, pauses, resumes and ends; time in each phase adds up', () => {
    let state = start();
    expect(elapsedAt(state, 61_000)).toBe(60_000);
    state = pause(state, 61_000);
    expect(elapsedAt(state, 500_000)).toBe(60_000);
    state = resume(state, 500_000);
    state = goToPhase(state, 'design', 530_000);
    expect(state.phase).toBe('design');
    expect(state.visits).toEqual([
      { phase: 'requirements', startMs: 0, endMs: 90_000 },
      { phase: 'design', startMs: 90_000, endMs: null },
    ]);
    state = goToPhase(state, 'requirements', 540_000);
    const spent = phaseSpentMs(state, elapsedAt(state, 550_000));
    expect(spent.requirements).toBe(100_000);
    expect(spent.design).toBe(10_000);
    state = endInterview(state, 560_000);
    expect(state.endedAtMs).toBe(120_000);
    expect(elapsedAt(state, 900_000)).toBe(120_000);
    expect(nextPhase('tradeOffs')).toBe('summary');
    expect(nextPhase('summary')).toBeNull();
  });
  it('checkpoints without changing the time', () => {
    const state = checkpoint(start(), 11_000);
    expect(state.elapsedMs).toBe(10_000);
    expect(elapsedAt(state, 11_000)).toBe(10_000);
  });
});

describe("requirements card: Little's law", () => {
  it('rps = users / (think + response)', () => {
    const load = loadFigures({
      ...DEFAULT_REQUIREMENTS,
      concurrentUsers: 10_000,
      thinkTimeMs: 9_950,
      expectedResponseMs: 50,
    });
    expect(load.rps).toBeCloseTo(1_000, 9);
    expect(load.readRps).toBeCloseTo(900, 9);
    expect(load.arithmetic).toContain('10,000 / (9.95 s + 0.05 s) = 1,000 req/s');
  });
  it('requests per user per minute fix the cycle; the think time is what is left of it', () => {
    const load = loadFigures({
      ...DEFAULT_REQUIREMENTS,
      loadModel: 'perMinute',
      concurrentUsers: 6_000,
      requestsPerUserPerMinute: 6,
      expectedResponseMs: 100,
    });
    expect(load.rps).toBeCloseTo(600, 9);
    expect(load.thinkTimeMs).toBeCloseTo(9_900, 9);
  });
  it('writes p99 and the error budget into the SLO, and the client as closed or open loop', () => {
    const requirements = {
      ...DEFAULT_REQUIREMENTS,
      p99Ms: 150,
      availabilityPercent: 99.5,
      thinkTimeMs: 4_950,
    };
    const slo = sloFromRequirements(requirements, { p99Ms: 200, minThroughputRps: 3, maxErrorRate: 0.01 });
    expect(slo.p99Ms).toBe(150);
    expect(slo.maxErrorRate).toBeCloseTo(0.005, 12);
    expect(slo.minThroughputRps).toBe(3);
    expect(clientParams(requirements, 'closed', 2)).toMatchObject({
      mode: 'closed',
      users: 5_000,
      thinkTimeMs: 4_950,
      readRatio: 0.9,
    });
    expect(clientParams(requirements, 'open', 2)).toMatchObject({ mode: 'open', rps: 1_000 });
  });
  it('names each requirement that is unusable', () => {
    expect(requirementsProblems(DEFAULT_REQUIREMENTS)).toEqual({});
    const problems = requirementsProblems({
      ...DEFAULT_REQUIREMENTS,
      concurrentUsers: 0.5,
      readPercent: 120,
    });
    expect(Object.keys(problems).sort()).toEqual(['concurrentUsers', 'readPercent']);
  });
});

describe('capacity estimator', () => {
  const requirements = {
    ...DEFAULT_REQUIREMENTS,
    concurrentUsers: 10_000,
    thinkTimeMs: 9_950,
    expectedResponseMs: 50,
    readPercent: 90,
  };
  it('splits load by weight at the load balancer, takes cache hits off the database and sizes each tier', () => {
    const estimate = estimateCapacity(interviewDesign(), requirements, {
      targetUtilizationPercent: 70,
      cacheHitPercent: { cache: 80 },
    });
    const tier = (id: string) => estimate.tiers.find((t) => t.nodeId === id)!;
    expect(tier('lb').rps.value).toBeCloseTo(1_000, 6);
    expect(tier('svc1').rps.value).toBeCloseTo(1_000 / 3, 6);
    expect(tier('cache').rps.value).toBeCloseTo(1_000, 6);
    // Reads after an 80% hit rate plus every write: 900 × 0.2 + 100.
    expect(tier('db').readRps.value).toBeCloseTo(180, 6);
    expect(tier('db').writeRps.value).toBeCloseTo(100, 6);
    // A service: 333.3 req/s × 10 ms / (8 workers × 0.7) = 0.595 → 1 server.
    expect(tier('svc1').serversNeeded!.value).toBe(1);
    // The database: 280 req/s × (180/280 × 2 + 100/280 × 5 = 3.071 ms) / (16 × 0.7) = 0.077 → 1.
    expect(tier('db').serviceTimeMs!.value).toBeCloseTo((180 * 2 + 100 * 5) / 280, 9);
    expect(tier('svc1').serversNeeded!.formula).toContain('(8 × 0.7)');
    expect(estimate.storagePerYearGB.value).toBeCloseTo((100 * 1 * SECONDS_PER_YEAR) / 1e6, 6);
    expect(estimate.bandwidthOutMBps.value).toBeCloseTo(10, 9);
  });
  it('needs more servers as the service time grows: rps × S / (c × ρ), rounded up', () => {
    const slow = design(
      [node('c', 'client'), node('s', 'service', { serviceTimeMs: 100, workers: 4 })],
      [edge('c', 's')],
      { durationS: 10 },
    );
    const estimate = estimateCapacity(
      slow,
      { ...requirements, thinkTimeMs: 9_950 },
      { targetUtilizationPercent: 50, cacheHitPercent: {} },
    );
    // 1,000 × 0.1 / (4 × 0.5) = 50.
    expect(estimate.tiers[0].serversNeeded!.value).toBe(50);
  });
  it('sends reads and writes only over edges whose filter carries them', () => {
    const split = design(
      [node('c', 'client'), node('s', 'service'), node('r', 'database'), node('w', 'database')],
      [edge('c', 's'), edge('s', 'r', { filter: 'reads' }), edge('s', 'w', { filter: 'writes' })],
      { durationS: 10 },
    );
    const estimate = estimateCapacity(split, requirements, {
      targetUtilizationPercent: 70,
      cacheHitPercent: {},
    });
    expect(estimate.tiers.find((t) => t.nodeId === 'r')!.rps.value).toBeCloseTo(900, 6);
    expect(estimate.tiers.find((t) => t.nodeId === 'w')!.rps.value).toBeCloseTo(100, 6);
  });
  it('reads the measured servers needed from instances × utilisation / ρ_target', () => {
    const measured = measuredTier({ throughputRps: 99, arrivals: 1_000, utilization: 0.9 }, 10, 3, 60);
    expect(measured.rps).toBe(100);
    expect(measured.serversNeeded.value).toBe(5); // 3 × 0.9 / 0.6 = 4.5
  });
});

describe('growth check', () => {
  it('multiplies open-loop rps and closed-loop users, and runs both at the same seed', () => {
    const base = design(
      [
        node('a', 'client', { rps: 100 }),
        node('b', 'client', { mode: 'closed', users: 50 }),
        node('s', 'service'),
      ],
      [edge('a', 's'), edge('b', 's')],
      { durationS: 20, seed: 9, warmupS: 2 },
    );
    const grown = scaleLoad(base, 1.2);
    expect(grown.nodes[0].params.rps).toBeCloseTo(120, 9);
    expect(grown.nodes[1].params.users).toBe(60);
    const tasks = planGrowthCheck(base, 1.2, 1e6);
    expect(tasks.map((t) => t.seed)).toEqual([9, 9]);
    expect(tasks[0].design).toBe(base);
    expect(growthFactorProblem('1.2')).toBeNull();
    expect(growthFactorProblem('x')).toMatch(/Growth factor/);
  });
  it('gives a verdict per SLO line and names the busiest tier after growth', () => {
    const base = design(
      [node('c', 'client'), node('s', 'service'), node('d', 'database')],
      [edge('c', 's'), edge('s', 'd')],
      { durationS: 10 },
    );
    base.slo = { p99Ms: 100, maxErrorRate: 0.01, minThroughputRps: 50 };
    const summary = (p99: number, failed: number, sUtil: number, dUtil: number) =>
      ({
        global: { requests: 1_000, failed, throughputRps: 100, latencyMs: { p99 } },
        nodes: {
          s: {
            utilization: sUtil,
            utilizationMax: sUtil,
            utilizationMaxInstance: 's:0',
            arrivals: 1_000,
            failed,
          },
          d: {
            utilization: dUtil,
            utilizationMax: dUtil,
            utilizationMaxInstance: 'd:0',
            arrivals: 1_000,
            failed: 0,
          },
        },
      }) as unknown as RunSummary;
    const fmt = { ms: String, percent: String, rps: String };
    const verdict = growthVerdict(base, summary(80, 0, 0.5, 0.6), summary(300, 50, 0.99, 0.7), fmt);
    expect(verdict.todayPasses).toBe(true);
    expect(verdict.grownPasses).toBe(false);
    expect(verdict.lines.map((l) => [l.id, l.grown.pass])).toEqual([
      ['p99', false],
      ['errors', false],
      ['throughput', true],
    ]);
    expect(verdict.breaksFirst!.nodeId).toBe('s');
  });
});

describe('interview state in the design file', () => {
  it('a design without an interview opens exactly as before', () => {
    const parsed = parseDesign(JSON.stringify(emptyDesign('x')));
    expect(parsed.ok && parsed.design.interview).toBeUndefined();
    expect(parsed.ok && parsed.warnings).toEqual([]);
  });
  it('an interview round-trips through the file', () => {
    const doc = { ...interviewDesign(), interview: goToPhase(start(), 'components', 5_000) };
    doc.interview.checkpointAtMs = Date.UTC(2026, 11, 7, 17, 0); // a real wall-clock time
    doc.interview.notes = { requirements: 'asked about reads' };
    doc.interview.rubric = { estimation: { score: 3, comment: 'good' } };
    const parsed = parseDesign(JSON.stringify(doc));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.design.interview).toEqual(doc.interview);
      expect(parsed.warnings).toEqual([]);
    }
  });
  it('a bad interview field is refused with its path', () => {
    const doc = { ...interviewDesign(), interview: { ...start(), phase: 'coffee' } };
    const parsed = parseDesign(JSON.stringify(doc));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join('\n')).toMatch(/interview\.phase/);
  });
});
