import { describe, expect, it } from 'vitest';
import { SimHost, withNoDataGaps, type HostEnvironment } from './simHost';
import type { FrameMessage, FromWorker, RunRecording, ToWorker } from './protocol';
import { fingerprintOf, replayRecording } from './replay';
import { webTierDesign } from '../../shared/testing/designs';
import { globalGauges } from '../../shared/testing/gauges';

/** A host on a fake clock: every clock read advances it, so slices end as they would for real. */
function fakeHost() {
  let clockMs = 0;
  const tasks: { at: number; task: () => void }[] = [];
  const posted: FromWorker[] = [];
  const env: HostEnvironment = {
    now: () => (clockMs += 0.25),
    post: (message) => posted.push(message),
    yieldThen: (task) => tasks.push({ at: clockMs, task }),
    wait: (task, ms) => tasks.push({ at: clockMs + ms, task }),
  };
  const host = new SimHost(env);
  const frames = () => posted.filter((m): m is FrameMessage => m.type === 'frame');
  /** Runs queued slices until the predicate holds (or the host goes quiet). */
  const runWhile = (keepGoing: () => boolean, limit = 200_000) => {
    for (let i = 0; i < limit && keepGoing() && tasks.length > 0; i++) {
      const next = tasks.shift()!;
      clockMs = Math.max(clockMs, next.at);
      next.task();
    }
  };
  const request = (message: Omit<Extract<ToWorker, { type: 'request' }>, 'requestId'>) => {
    const requestId = Math.floor(Math.random() * 1e9);
    host.handle({ ...message, requestId } as ToWorker);
    const reply = posted.find((m) => m.type === 'reply' && m.requestId === requestId);
    return (reply as { value: unknown }).value;
  };
  const lastFrame = () => frames()[frames().length - 1];
  return { host, frames, lastFrame, runWhile, request, posted };
}

const options = { seed: 7, durationS: 30, warmupS: 0 };

describe('worker host', () => {
  it('streams one sample per simulated second and stops at the duration', () => {
    const h = fakeHost();
    h.host.handle({ type: 'load', runId: 1, design: webTierDesign(), options });
    h.host.handle({ type: 'speed', speed: 'max' });
    h.host.handle({ type: 'start' });
    h.runWhile(() => h.lastFrame().status !== 'done');
    const samples = h.frames().flatMap((f) => f.samples);
    expect(samples.map((s) => s.tS)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(h.lastFrame().simTimeMs).toBe(30_000);
    const api = samples[20].nodes.api;
    expect(api.throughputRps).toBeGreaterThan(100);
    expect(samples[20].instances.db.filter((i) => i.leader)).toHaveLength(1);
    expect(samples[20].global.throughputRps).toBeGreaterThan(150);
  });

  it('runs at the asked speed against the wall clock, and a step advances one simulated second', () => {
    const h = fakeHost();
    h.host.handle({ type: 'load', runId: 1, design: webTierDesign(), options });
    h.host.handle({ type: 'step' });
    h.runWhile(() => h.lastFrame().simTimeMs < 1000 || h.lastFrame().samples.length === 0);
    expect(h.lastFrame().simTimeMs).toBe(1000);
    expect(h.lastFrame().status).toBe('paused');
    h.host.handle({ type: 'speed', speed: 10 });
    h.host.handle({ type: 'start' });
    // 10× for ~300 wall ms → ~3 simulated seconds.
    const startSim = h.lastFrame().simTimeMs;
    let wallFrames = 0;
    h.runWhile(() => ++wallFrames < 400 && h.lastFrame().simTimeMs < startSim + 3000);
    expect(h.lastFrame().achievedSpeed).toBeGreaterThan(5);
    expect(h.lastFrame().achievedSpeed).toBeLessThan(15);
  });

  it('replays a live session exactly: same commands at the same points give the same fingerprint', () => {
    const h = fakeHost();
    h.host.handle({ type: 'load', runId: 1, design: webTierDesign(), options });
    h.host.handle({ type: 'speed', speed: 37 });
    h.host.handle({ type: 'start' });
    h.runWhile(() => h.lastFrame().simTimeMs < 4_300);
    h.host.handle({ type: 'chaos', chaos: { action: 'kill', target: 'db:0' } });
    h.runWhile(() => h.lastFrame().simTimeMs < 9_100);
    h.host.handle({ type: 'edit', id: 'api', params: { instances: 3 } });
    h.host.handle({ type: 'chaos', chaos: { action: 'cut', target: 'api->cache', durationS: 2 } });
    h.runWhile(() => h.lastFrame().simTimeMs < 15_000);
    h.host.handle({ type: 'pause' });
    const recording = h.request({ type: 'request', what: 'recording' }) as RunRecording;
    const live = h.request({ type: 'request', what: 'fingerprint' }) as string;
    expect(recording.commands.map((c) => c.command.type)).toEqual(['chaos', 'edit', 'chaos']);
    expect(fingerprintOf(replayRecording(recording).results())).toBe(live);
    // A different point for the kill gives a different run.
    const moved = {
      ...recording,
      commands: [{ ...recording.commands[0], atEvent: 0, simTimeMs: 0 }, ...recording.commands.slice(1)],
    };
    expect(fingerprintOf(replayRecording(moved).results())).not.toBe(live);
  });

  it('logs a leader kill, its detection and the promotion in order', () => {
    const h = fakeHost();
    h.host.handle({ type: 'load', runId: 1, design: webTierDesign(), options });
    h.host.handle({ type: 'speed', speed: 20 });
    h.host.handle({ type: 'start' });
    h.runWhile(() => h.lastFrame().simTimeMs < 5_000);
    expect(h.lastFrame().simTimeMs).toBeLessThan(6_000);
    h.host.handle({ type: 'chaos', chaos: { action: 'kill', target: 'db:0' } });
    h.host.handle({ type: 'speed', speed: 'max' });
    h.runWhile(() => h.lastFrame().status !== 'done');
    const types = h.frames().flatMap((f) => f.log.map((entry) => entry.type));
    const kill = types.indexOf('kill');
    expect(kill).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('detected', kill)).toBeGreaterThan(kill);
    expect(types.indexOf('promoted', kill)).toBeGreaterThan(types.indexOf('detected', kill));
  });
});

describe('seconds without completions', () => {
  it('report no latency (NaN: a chart gap, "–" in numbers), never 0 ms', () => {
    const noErrors = { timeout: 0, rejected: 0, throttled: 0, unavailable: 0, loop: 0, error: 12 };
    const outage = withNoDataGaps(
      globalGauges({
        throughputRps: 0,
        completed: 0,
        p50Ms: 0,
        p95Ms: 0,
        p99Ms: 0,
        errorRate: 1,
        errorsByReason: noErrors,
        sloPass: false,
      }),
    );
    expect(outage.completed).toBe(0);
    expect(Number.isNaN(outage.p99Ms)).toBe(true);
    expect(Number.isNaN(outage.p50Ms)).toBe(true);
    const healthy = withNoDataGaps({ ...outage, completed: 90, throughputRps: 90, p99Ms: 40, errorRate: 0 });
    expect(healthy.p99Ms).toBe(40);
  });
});
