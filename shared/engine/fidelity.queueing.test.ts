// Queueing theory: the simulated queues must agree with closed-form results (SPEC "Fidelity").
import { describe, expect, it } from 'vitest';
import { runDesign } from './index';
import { closedLoopDesign, mmcDesign } from '../testing/designs';
import { erlangC, meanValueAnalysis, relativeError } from '../testing/theory';

describe('queueing theory', () => {
  it('M/M/1 at rho = 0.8 matches Erlang C (mean wait, mean queue length) within 5%', () => {
    // λ = 80/s, 1/μ = 10 ms: ~2.4·10^5 customers after warm-up.
    const result = runDesign(
      mmcDesign({ lambdaRps: 80, serviceTimeMs: 10, servers: 1, durationS: 3000, warmupS: 100 }),
    );
    const theory = erlangC(0.08, 0.1, 1);
    const server = result.nodes.server;
    expect(relativeError(server.meanWaitMs, theory.waitMs)).toBeLessThan(0.05);
    expect(relativeError(server.meanQueueDepth, theory.queueLength)).toBeLessThan(0.05);
    expect(relativeError(server.utilization, theory.rho)).toBeLessThan(0.02);
  });

  it('M/M/4 at rho = 0.8 matches Erlang C (mean wait, mean queue length) within 5%', () => {
    // λ = 320/s into 4 servers of 10 ms: ~5.8·10^5 customers (across seeds the error spreads ±3%).
    const result = runDesign(
      mmcDesign({ lambdaRps: 320, serviceTimeMs: 10, servers: 4, durationS: 1800, warmupS: 30, seed: 7 }),
    );
    const theory = erlangC(0.32, 0.1, 4);
    const server = result.nodes.server;
    expect(relativeError(server.meanWaitMs, theory.waitMs)).toBeLessThan(0.05);
    expect(relativeError(server.meanQueueDepth, theory.queueLength)).toBeLessThan(0.05);
  });

  it('M/D/1 at rho = 0.8 matches Pollaczek–Khinchine (Wq = rho / (2 mu (1 - rho))) within 5%', () => {
    const result = runDesign(
      mmcDesign({
        lambdaRps: 80,
        serviceTimeMs: 10,
        servers: 1,
        durationS: 2500,
        warmupS: 50,
        serviceDist: 'const',
        seed: 3,
      }),
    );
    const rho = 0.8;
    const waitMs = rho / (2 * 0.1 * (1 - rho)); // 20 ms
    expect(relativeError(result.nodes.server.meanWaitMs, waitMs)).toBeLessThan(0.05);
    expect(relativeError(result.nodes.server.meanQueueDepth, 0.08 * waitMs)).toBeLessThan(0.05);
  });

  it('a closed loop (N users, exponential think time, one exponential server) matches mean value analysis within 5%', () => {
    const users = 20;
    const thinkMs = 100;
    const serviceMs = 6;
    const theory = meanValueAnalysis(users, serviceMs, thinkMs);
    const result = runDesign(
      closedLoopDesign({
        users,
        serviceTimeMs: serviceMs,
        thinkTimeMs: thinkMs,
        durationS: 1200,
        warmupS: 30,
        seed: 11,
      }),
    );
    expect(relativeError(result.nodes.server.throughputRps, theory.throughputRps)).toBeLessThan(0.05);
    expect(relativeError(result.nodes.server.meanResponseMs, theory.responseMs)).toBeLessThan(0.05);
  });
});
