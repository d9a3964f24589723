import { describe, expect, it } from 'vitest';
import { SimHost, type HostEnvironment } from './simHost';
import type { FrameMessage, FromWorker, RunRecording, ToWorker } from './protocol';
import { fingerprintOf, replayRecording } from './replay';
import { mmcDesign, webTierDesign } from '../../shared/testing/designs';

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
  it('refuses a design whose simulated second is over the app’s event rate (client rps 1e7) at load, naming rps', () => {
    const h = fakeHost();
    const flood = mmcDesign({ lambdaRps: 1e7, serviceTimeMs: 10, servers: 1, durationS: 60 });
    h.host.handle({ type: 'load', runId: 4, design: flood, options: { seed: 1, durationS: 60, warmupS: 0 } });
    // An error notice is what the run client shows as the run's problem (a run that cannot start).
    expect(h.posted).toHaveLength(1);
    expect(h.posted[0]).toMatchObject({ type: 'notice', runId: 4, tone: 'error' });
    const text = (h.posted[0] as { text: string }).text;
    expect(text).toMatch(/^The design is too big to run: clients "client" rps 1e7 × 1 s ≈ 1e7 requests /);
    expect(text).toContain('one simulated second holds at most 20,000,000 events — lower rps.');
    // Nothing runs: start and step do nothing, there are no results.
    h.host.handle({ type: 'start' });
    h.host.handle({ type: 'step' });
    h.runWhile(() => true, 100);
    expect(h.frames()).toHaveLength(0);
    expect(h.request({ type: 'request', what: 'results' })).toBeNull();
    // A long run at an ordinary rate is not refused: an app run is paused or stopped at any moment
    // (a day at 100 rps is 1e8 events in all, but 1,200 a simulated second).
    const day = mmcDesign({ lambdaRps: 100, serviceTimeMs: 5, servers: 1, durationS: 86_400 });
    h.host.handle({
      type: 'load',
      runId: 5,
      design: day,
      options: { seed: 1, durationS: 86_400, warmupS: 0 },
    });
    expect(h.lastFrame()).toMatchObject({ runId: 5, status: 'idle' });
  });

  it('a run that reaches its event limit ends as done, keeps what ran, says it was truncated and replays exactly', () => {
    const h = fakeHost();
    // Estimated at 6,000 requests × 5 events; but its server is dead and every request retries
    // 10 times (retries are not in the estimate), so it needs ~4× that.
    const d = mmcDesign({ lambdaRps: 200, serviceTimeMs: 5, servers: 1, durationS: 30 });
    d.nodes[0].params = { ...d.nodes[0].params, retries: 10, retryBackoffMs: 0 };
    d.scenario.events = [{ atS: 0, action: 'kill', target: 'server' }];
    const limited = { seed: 3, durationS: 30, warmupS: 0, maxEvents: 50_000 };
    h.host.handle({ type: 'load', runId: 1, design: d, options: limited });
    h.host.handle({ type: 'speed', speed: 'max' });
    h.host.handle({ type: 'start' });
    h.runWhile(() => h.lastFrame().status !== 'done');
    const last = h.lastFrame();
    expect(last.status).toBe('done');
    expect(last.eventsProcessed).toBe(50_000);
    expect(last.simTimeMs).toBeGreaterThan(1000);
    expect(last.simTimeMs).toBeLessThan(30_000);
    // Every whole second before the stop was sampled, and the truncation is in the log.
    const samples = h.frames().flatMap((f) => f.samples);
    expect(samples.map((s) => s.tS)).toEqual(
      Array.from({ length: Math.floor(last.simTimeMs / 1000) }, (_, i) => i + 1),
    );
    expect(h.frames().flatMap((f) => f.log)).toContainEqual(
      expect.objectContaining({ type: 'truncated', reason: 'eventLimit', limit: 50_000 }),
    );
    const notices = h.posted.filter((m) => m.type === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ tone: 'warning', runId: 1 });
    expect((notices[0] as { text: string }).text).toMatch(
      /^The run was truncated: stopped after 50,000 events \(the run's event limit\) at [\d.]+ s of 30 s simulated; what ran so far is kept\.$/,
    );
    const results = h.request({ type: 'request', what: 'results' }) as { truncated?: { reason: string } };
    expect(results.truncated).toMatchObject({ reason: 'eventLimit', limit: 50_000 });
    // Start does not restart a truncated run; a replay stops at the same event.
    h.host.handle({ type: 'start' });
    expect(h.lastFrame().status).toBe('done');
    const recording = h.request({ type: 'request', what: 'recording' }) as RunRecording;
    const live = h.request({ type: 'request', what: 'fingerprint' }) as string;
    expect(fingerprintOf(replayRecording(recording).results())).toBe(live);
  });

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
  it('report no latency (NaN: a chart gap, "—" in numbers), never 0 ms: the engine\'s own gauges, as sent', () => {
    const h = fakeHost();
    // The only server killed at 5 s: every later request is refused, so no second after it completes any.
    const d = mmcDesign({ lambdaRps: 100, serviceTimeMs: 5, servers: 1, durationS: 12 });
    d.scenario.events = [{ atS: 5, action: 'kill', target: 'server' }];
    h.host.handle({ type: 'load', runId: 1, design: d, options: { seed: 1, durationS: 12, warmupS: 0 } });
    h.host.handle({ type: 'speed', speed: 'max' });
    h.host.handle({ type: 'start' });
    h.runWhile(() => h.lastFrame().status !== 'done');
    const samples = h.frames().flatMap((f) => f.samples);
    expect(samples.map((s) => s.tS)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const { tS, global } of samples) {
      if (tS <= 5) {
        expect(global.completed, `second ${tS}`).toBeGreaterThan(0);
        expect(global.p99Ms, `second ${tS}`).toBeGreaterThan(0);
      } else {
        expect(global.completed, `second ${tS}`).toBe(0);
        expect(global.errorRate, `second ${tS}`).toBe(1);
        expect(global.p50Ms, `second ${tS}`).toBeNaN();
        expect(global.p95Ms, `second ${tS}`).toBeNaN();
        expect(global.p99Ms, `second ${tS}`).toBeNaN();
      }
    }
    expect(Number.isNaN(h.lastFrame().global!.p99Ms)).toBe(true);
  });
});
