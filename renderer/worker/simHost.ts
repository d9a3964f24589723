// The worker host: runs one simulation in time slices, applies commands between slices (recording
// the exact point each applied), and streams frames. Free of worker globals so tests can drive it
// with a fake clock; ./simWorker.ts wires it to the real worker.
import type { ComponentKind } from '../../shared/document/catalog';
import type { Design } from '../../shared/document/types';
import type { GlobalGauges, LogEntry, RunSample, RunStatus } from '../run/types';
import { EngineRun, runTooBigProblem } from './engineAdapter';
import type {
  FrameMessage,
  FromWorker,
  RecordedCommand,
  RunOptions,
  RunRecording,
  RunSpeed,
  ToWorker,
} from './protocol';
import { GaugeReader } from './samples';
import { fingerprintOf, replayRecording } from './replay';

/** Wall ms one slice may take before yielding to messages (the brief: ≤ 10 ms). */
export const SLICE_MS = 8;
/** Events per runUntil call inside a slice: small enough to check the clock often. */
export const CHUNK_EVENTS = 4_000;
/** Frames are posted at most this often (≤ 30 Hz). */
export const FRAME_INTERVAL_MS = 33;
/** At a finite speed the simulation may fall this far behind wall time before it stops catching up. */
const MAX_LAG_WALL_MS = 250;

export interface HostEnvironment {
  now(): number;
  post(message: FromWorker, transfer?: Transferable[]): void;
  /** Runs `task` as soon as pending messages have been handled (a MessageChannel in the worker). */
  yieldThen(task: () => void): void;
  /** Runs `task` after `ms` of wall time: used only when the run is ahead of wall time. */
  wait(task: () => void, ms: number): void;
}

export class SimHost {
  private run: EngineRun | null = null;
  private design: Design | null = null;
  private options: RunOptions | null = null;
  private runId = 0;
  private reader: GaugeReader | null = null;
  private layoutSent = -1;
  private status: RunStatus = 'idle';
  private speed: RunSpeed = 1;
  private recorded: RecordedCommand[] = [];
  /** Wall/sim anchor of the current stretch of running at a finite speed. */
  private anchorWallMs = 0;
  private anchorSimMs = 0;
  private stepToMs: number | null = null;
  private pumpScheduled = false;
  private lastFrameWallMs = -Infinity;
  private logSent = 0;
  private pendingSamples: RunSample[] = [];
  private latestGlobal: GlobalGauges | null = null;
  private lastSampleS = 0;
  /** Recent (wallMs, simMs, events) points for the achieved speed and events/s. */
  private readonly rate: { wallMs: number; simMs: number; events: number }[] = [];

  constructor(private readonly env: HostEnvironment) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'load':
        this.load(message.runId, message.design, message.options);
        break;
      case 'start':
        if (!this.run || this.run.done) return;
        this.status = 'running';
        this.stepToMs = null;
        this.anchor();
        this.schedulePump();
        this.postFrame(true);
        break;
      case 'pause':
        if (this.status === 'running') this.status = 'paused';
        this.stepToMs = null;
        this.postFrame(true);
        break;
      case 'step':
        if (!this.run || this.run.done) return;
        if (this.status === 'running') this.status = 'paused';
        if (this.status === 'idle') this.status = 'paused';
        this.stepToMs = Math.min(this.run.durationMs, (Math.floor(this.run.simTimeMs / 1000) + 1) * 1000);
        this.schedulePump();
        break;
      case 'speed':
        this.speed = message.speed;
        this.anchor();
        break;
      case 'chaos':
        if (!this.run) return;
        this.record({ type: 'chaos', chaos: message.chaos });
        this.run.chaos(message.chaos);
        // A chaos command is processed as an event at the current time: run it so the log shows it
        // at once, even while paused.
        this.run.runUntil(this.run.simTimeMs, CHUNK_EVENTS);
        this.postFrame(true);
        break;
      case 'edit': {
        if (!this.run) return;
        this.record({ type: 'edit', id: message.id, params: message.params });
        const refusal = this.run.editParams(message.id, message.params);
        if (refusal) this.env.post({ type: 'notice', runId: this.runId, text: refusal, tone: 'warning' });
        this.postFrame(true);
        break;
      }
      case 'request':
        this.answer(message);
        break;
    }
  }

  private load(runId: number, design: Design, options: RunOptions): void {
    this.runId = runId;
    this.design = design;
    this.options = options;
    this.recorded = [];
    this.status = 'idle';
    this.stepToMs = null;
    this.logSent = 0;
    this.pendingSamples = [];
    this.latestGlobal = null;
    this.lastSampleS = 0;
    this.rate.length = 0;
    this.layoutSent = -1;
    const problem = this.createRun(design, options);
    if (problem !== null) {
      this.env.post({ type: 'notice', runId, text: problem, tone: 'error' });
      return;
    }
    this.reader = null;
    this.postFrame(true);
  }

  /** Creates the run, or says why the design cannot run (the UI shows it as the run's problem). */
  private createRun(design: Design, options: RunOptions): string | null {
    this.run = null;
    try {
      // Refused before it starts when one simulated second would cost more events than the app
      // allows: a typo (rps 1e7) must not keep the worker busy for minutes per second.
      const tooBig = runTooBigProblem(design);
      if (tooBig) return `The design is too big to run: ${tooBig}.`;
      this.run = new EngineRun(design, options);
      return null;
    } catch (error) {
      return `The design cannot run: ${(error as Error).message}`;
    }
  }

  private record(command: RecordedCommand['command']): void {
    this.recorded.push({ atEvent: this.run!.eventsProcessed, simTimeMs: this.run!.simTimeMs, command });
  }

  private anchor(): void {
    this.anchorWallMs = this.env.now();
    this.anchorSimMs = this.run?.simTimeMs ?? 0;
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    this.env.yieldThen(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Where the simulation should be now: wall time × speed, a step's end, or the end ("max"). */
  private targetMs(run: EngineRun): number {
    if (this.stepToMs !== null) return this.stepToMs;
    if (this.speed === 'max') return run.durationMs;
    let wallElapsed = this.env.now() - this.anchorWallMs;
    if (
      wallElapsed > MAX_LAG_WALL_MS &&
      run.simTimeMs < this.anchorSimMs + (wallElapsed - MAX_LAG_WALL_MS) * this.speed
    ) {
      // Behind wall time: do not try to catch up a backlog, keep the speed it can manage.
      this.anchorWallMs = this.env.now() - MAX_LAG_WALL_MS;
      this.anchorSimMs = run.simTimeMs;
      wallElapsed = MAX_LAG_WALL_MS;
    }
    return this.anchorSimMs + wallElapsed * this.speed;
  }

  /** One slice: run until the target, the slice budget, or the end; then yield or wait. */
  pump(): void {
    const run = this.run;
    if (!run) return;
    if (this.status !== 'running' && this.stepToMs === null) return;
    const sliceStart = this.env.now();
    let caughtUp = false;
    while (this.env.now() - sliceStart < SLICE_MS) {
      const target = Math.min(this.targetMs(run), run.durationMs);
      const nextSecondMs = (this.lastSampleS + 1) * 1000;
      const end = Math.min(target, nextSecondMs);
      const before = run.eventsProcessed;
      if (end <= run.simTimeMs && run.simTimeMs < nextSecondMs) {
        caughtUp = true;
        break;
      }
      run.runUntil(end, CHUNK_EVENTS);
      const exhausted = run.eventsProcessed - before < CHUNK_EVENTS;
      if (exhausted && run.simTimeMs >= nextSecondMs) this.takeSample();
      if (run.done && exhausted) break;
    }
    const stepDone =
      this.stepToMs !== null && run.simTimeMs >= this.stepToMs && this.lastSampleS * 1000 >= this.stepToMs;
    if (stepDone) this.stepToMs = null;
    if (run.truncated && this.status !== 'done') {
      // Stopped at a limit (events, memory): what ran stays on screen; say why it ended early.
      this.status = 'done';
      this.stepToMs = null;
      const text = `The run was truncated: ${run.truncated.message}; what ran so far is kept.`;
      this.env.post({ type: 'notice', runId: this.runId, text, tone: 'warning' });
    }
    if (run.done && this.lastSampleS * 1000 >= run.durationMs) {
      this.status = 'done';
      this.stepToMs = null;
    }
    this.noteRate(run);
    const idleNow = this.status !== 'running' && this.stepToMs === null;
    this.postFrame(idleNow);
    if (idleNow) return;
    if (caughtUp && this.stepToMs === null) {
      // Ahead of wall time: sleep until there is simulated time to catch up with (spinning through
      // the MessageChannel here would burn a core for nothing).
      this.pumpScheduled = true;
      this.env.wait(() => {
        this.pumpScheduled = false;
        this.pump();
      }, 4);
    } else this.schedulePump();
  }

  private takeSample(): void {
    const run = this.run!;
    const arrays = run.gauges();
    const reader = this.currentReader(arrays.layoutVersion);
    this.lastSampleS++;
    // A second in which nothing completed has NaN percentiles (the engine's rule): a gap, not 0 ms.
    const global = run.globalGauges();
    global.run = run.runSoFar();
    const records = reader.records(arrays);
    this.latestGlobal = global;
    this.pendingSamples.push({ tS: this.lastSampleS, global, ...records, spanS: 1 });
  }

  /** The reader for the gauges' layout (re-read when instance counts changed). */
  private currentReader(layoutVersion: number): GaugeReader {
    if (!this.reader || this.reader.layout.version !== layoutVersion) {
      const kinds = new Map<string, ComponentKind>(this.design!.nodes.map((node) => [node.id, node.kind]));
      this.reader = new GaugeReader(this.run!.layout(), kinds);
    }
    return this.reader;
  }

  private noteRate(run: EngineRun): void {
    const now = this.env.now();
    this.rate.push({ wallMs: now, simMs: run.simTimeMs, events: run.eventsProcessed });
    while (this.rate.length > 2 && now - this.rate[0].wallMs > 1000) this.rate.shift();
  }

  private achieved(): { speed: number; eventsPerS: number } {
    if (this.status !== 'running' || this.rate.length < 2) return { speed: 0, eventsPerS: 0 };
    const first = this.rate[0];
    const last = this.rate[this.rate.length - 1];
    const wallMs = last.wallMs - first.wallMs;
    if (wallMs <= 0) return { speed: 0, eventsPerS: 0 };
    return {
      speed: (last.simMs - first.simMs) / wallMs,
      eventsPerS: ((last.events - first.events) * 1000) / wallMs,
    };
  }

  private postFrame(force: boolean): void {
    const run = this.run;
    if (!run) return;
    const now = this.env.now();
    if (!force && now - this.lastFrameWallMs < FRAME_INTERVAL_MS) return;
    this.lastFrameWallMs = now;
    const arrays = run.gauges();
    const reader = this.currentReader(arrays.layoutVersion);
    const { speed, eventsPerS } = this.achieved();
    const log = run.logSince(this.logSent) as LogEntry[];
    this.logSent += log.length;
    const frame: FrameMessage = {
      type: 'frame',
      runId: this.runId,
      status: this.status,
      simTimeMs: run.simTimeMs,
      durationMs: run.durationMs,
      eventsProcessed: run.eventsProcessed,
      achievedSpeed: speed,
      eventsPerS,
      nodes: arrays.nodes,
      instances: arrays.instances,
      edges: arrays.edges,
      global: this.latestGlobal,
      samples: this.pendingSamples,
      log,
    };
    if (this.layoutSent !== reader.layout.version) {
      frame.layout = reader.layout;
      this.layoutSent = reader.layout.version;
    }
    this.pendingSamples = [];
    this.env.post(frame, [arrays.nodes.buffer, arrays.instances.buffer, arrays.edges.buffer]);
  }

  recording(): RunRecording | null {
    if (!this.run || !this.design || !this.options) return null;
    return {
      design: this.design,
      options: this.options,
      commands: this.recorded.slice(),
      endEvent: this.run.eventsProcessed,
      endSimTimeMs: this.run.simTimeMs,
    };
  }

  private answer(message: Extract<ToWorker, { type: 'request' }>): void {
    const reply = (value: unknown, error?: string) =>
      this.env.post({ type: 'reply', requestId: message.requestId, value, error });
    try {
      switch (message.what) {
        case 'explainSlowest':
          return reply(this.run ? this.run.explainSlowest(message.nodeId) : null);
        case 'results':
          return reply(this.run ? this.run.results() : null);
        case 'recording':
          return reply(this.recording());
        case 'fingerprint':
          return reply(this.run ? fingerprintOf(this.run.results()) : null);
        case 'replayFingerprint':
          return reply(fingerprintOf(replayRecording(message.recording).results()));
      }
    } catch (error) {
      reply(null, (error as Error).message);
    }
  }
}
