// The main thread's handle on the simulation worker: every run action goes through here (run
// commands, toolbar, chaos menus and keys, live edits, automation, the dock). See ./README.md.
// A worker that dies (an uncaught exception, a message that cannot be read, or silence while it
// should be running: killed, out of memory, stuck in a loop) ends the run with a notice; the design
// is untouched and the next Run starts a fresh worker.
import { kindCan } from '../../shared/kinds/index';
import type { ChaosAction, Params, ScenarioEvent } from '../../shared/document/types';
import type { ChaosCommand } from '../../shared/engine/index';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { plainErrorMessage, reportAppError } from '../ui/appErrors';
import type {
  FromWorker,
  RunOptions,
  RunRecording,
  RunSpeed,
  ToWorker,
  WorkerTestFault,
} from '../worker/protocol';
import { appendSamples, liveFrame, useRunStore } from './runStore';
import { RunHistory } from './runHistory';
import type { LogEntry, RunStatus, SlowestRequests } from './types';
// The main thread keeps the last LOG_LIMIT entries (the engine keeps the first as many).
import { isChaosLogType, LOG_LIMIT } from '../../shared/engine/log';

/** The speeds offered in the toolbar. */
export const RUN_SPEEDS: RunSpeed[] = [0.25, 0.5, 1, 2, 5, 10, 25, 100, 1000, 'max'];

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** The worker as the client uses it: a real Worker, or a fake one in tests. */
export interface SimulationWorker {
  postMessage(message: ToWorker | WorkerTestFault): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface RunClientOptions {
  createWorker?: () => SimulationWorker;
  /** How long a worker that should be running may say nothing before it is taken to have died. */
  stallMs?: number;
}

/** A running worker posts a frame at least every 33 ms; 10 s of silence is not a slow frame. */
export const DEFAULT_STALL_MS = 10_000;
/** How often the silence is checked. Counting checks (not wall time) keeps a main thread that was
 *  itself blocked for a while from blaming the worker: its messages are read before the next check. */
const WATCHDOG_CHECK_MS = 500;

const createSimulationWorker = (): SimulationWorker =>
  new Worker(new URL('../worker/simWorker.ts', import.meta.url), { type: 'module' }) as SimulationWorker;

/** "The simulation crashed: boom. The run stopped; …" — what the user reads when the worker died. */
export const simulationCrashText = (cause: string) =>
  `The simulation crashed: ${plainErrorMessage(cause)}. The run stopped; your design is kept. Press Run to start a new run.`;

/** What the store holds for a run that has not produced anything yet. */
function emptyRun() {
  return {
    simTimeMs: 0,
    achievedSpeed: 0,
    eventsPerS: 0,
    eventsProcessed: 0,
    latest: null,
    history: new RunHistory(),
    historyVersion: 0,
    log: [],
    cursorS: null,
    problem: null,
    crash: null,
  };
}

export class RunClient {
  private worker: SimulationWorker | null = null;
  private readonly createWorker: () => SimulationWorker;
  private stallMs: number;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** A message arrived since the last watchdog check. */
  private heard = false;
  private silentChecks = 0;
  /** A load, start or step was sent and no frame has come back yet. */
  private awaitingFrame = false;
  private runId = 0;
  /** A simulation for the current design exists in the worker (loaded since the last reset). */
  private loaded = false;
  private nextRequest = 1;
  private readonly pending = new Map<number, Pending>();
  /** A start/pause is on its way: frames posted before the worker saw it keep the old status. */
  private expectedStatus: { status: RunStatus; untilMs: number } | null = null;
  /** A pause is on its way to the worker; its reply (status paused) ends it. */
  private pausing = false;

  constructor(options: RunClientOptions = {}) {
    this.createWorker = options.createWorker ?? createSimulationWorker;
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  }

  private expect(status: RunStatus): void {
    this.expectedStatus = { status, untilMs: performance.now() + 1000 };
  }

  private ensureWorker(): SimulationWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      this.heard = true;
      this.receive(event.data);
    };
    worker.onerror = (event) => {
      // Handled here: not also reported as an uncaught error of the page (a second, vaguer toast).
      event.preventDefault();
      this.workerFailed(event.message || 'the simulation worker failed', event.error);
    };
    worker.onmessageerror = () => this.workerFailed('a message from the simulation could not be read');
    this.worker = worker;
    this.heard = false;
    this.silentChecks = 0;
    this.watchdog = setInterval(() => this.checkWorker(), WATCHDOG_CHECK_MS);
    // The speed survives resets: tell the new worker.
    this.post({ type: 'speed', speed: useRunStore.getState().speed });
    return worker;
  }

  private post(message: ToWorker | WorkerTestFault): void {
    if (message.type === 'load' || message.type === 'start' || message.type === 'step')
      this.awaitingFrame = true;
    (this.worker ?? this.ensureWorker()).postMessage(message);
  }

  /** Should the worker be talking now (running, a step or load under way, a question asked)? */
  private expectingWorker(): boolean {
    return useRunStore.getState().status === 'running' || this.awaitingFrame || this.pending.size > 0;
  }

  private checkWorker(): void {
    if (!this.worker) return;
    if (this.heard || !this.expectingWorker()) {
      this.heard = false;
      this.silentChecks = 0;
      return;
    }
    this.silentChecks++;
    if (this.silentChecks >= 2 && this.silentChecks * WATCHDOG_CHECK_MS >= this.stallMs)
      this.workerFailed(
        `it stopped responding (nothing for ${Math.round((this.silentChecks * WATCHDOG_CHECK_MS) / 1000)} s)`,
      );
  }

  /**
   * The worker died or cannot be trusted: end it, end the run (its charts stay on screen), answer
   * every open question with the error, and say so. The next Run starts a new worker.
   */
  private workerFailed(cause: string, error?: unknown): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
    this.runId++; // anything still on its way from the old worker is ignored
    this.loaded = false;
    this.expectedStatus = null;
    this.pausing = false;
    this.awaitingFrame = false;
    const text = simulationCrashText(cause);
    for (const pending of this.pending.values()) pending.reject(new Error(text));
    this.pending.clear();
    liveFrame.layout = null;
    liveFrame.version++;
    useRunStore.setState({ status: 'idle', crash: text });
    reportAppError(text, error);
  }

  /** Automation only: terminate the worker without telling anyone, as the browser does to a worker
   *  that ran out of memory. The watchdog has to notice. */
  killWorkerSilently(): boolean {
    if (!this.worker) return false;
    this.worker.terminate();
    return true;
  }

  /** Automation only: the worker's next slice throws, as an exception in the engine would. */
  injectWorkerFault(message: string): boolean {
    if (!this.worker) return false;
    this.post({ type: 'testFault', fault: 'throwInSlice', message });
    return true;
  }

  /** Automation only: a shorter stall limit, so a test need not wait 10 s. */
  setStallMs(stallMs: number): void {
    this.stallMs = stallMs;
  }

  /** Run settings: the design's scenario (seed, duration, warm-up). */
  options(): RunOptions {
    const scenario = useDesignStore.getState().design.scenario;
    return { seed: scenario.seed, durationS: scenario.durationS, warmupS: scenario.warmupS };
  }

  /** A fresh simulation of the current design at t = 0 (idle). */
  private load(): boolean {
    const design = useDesignStore.getState().design;
    if (!design.nodes.some((node) => kindCan(node.kind, 'originatesRequests'))) {
      const text = 'Add a Client to send traffic before running the design.';
      useRunStore.setState({ problem: text });
      useUiStore.getState().showNotice({ text, tone: 'warning' });
      return false;
    }
    this.runId++;
    this.expectedStatus = null;
    this.pausing = false;
    const options = this.options();
    useRunStore.setState({
      status: 'idle',
      loaded: true,
      ...emptyRun(),
      durationS: options.durationS,
      warmupS: options.warmupS,
      seed: options.seed,
    });
    liveFrame.layout = null;
    liveFrame.version++;
    this.post({ type: 'load', runId: this.runId, design: design, options });
    this.loaded = true;
    return true;
  }

  start(): void {
    const status = useRunStore.getState().status;
    if (!this.loaded || status === 'done') {
      if (!this.load()) return;
    }
    this.pausing = false;
    useRunStore.setState({ status: 'running', cursorS: null });
    this.expect('running');
    this.post({ type: 'start' });
  }

  /**
   * Pause is exact: the status stays "running" until the worker's frame says it stopped, and that
   * frame carries the final sim time, so a run that reads "paused" never moves again. Until then
   * the run is `pausing` (a second toggle resumes it).
   */
  pause(): void {
    if (useRunStore.getState().status !== 'running' || this.pausing) return;
    this.pausing = true;
    this.expectedStatus = null;
    this.post({ type: 'pause' });
  }

  toggle(): void {
    if (useRunStore.getState().status === 'running' && !this.pausing) this.pause();
    else this.start();
  }

  /** One simulated second, then paused. */
  step(): void {
    const status = useRunStore.getState().status;
    if (!this.loaded || status === 'done') {
      if (!this.load()) return;
    }
    useRunStore.setState({ status: 'paused', cursorS: null });
    this.expect('paused');
    this.post({ type: 'step' });
  }

  /** Back to t = 0 with the design as it is now (and the scenario's seed, or the one given). */
  reset(seed?: number): void {
    if (seed !== undefined && seed !== useDesignStore.getState().design.scenario.seed) {
      useDesignStore.getState().change('Change seed', (design) => {
        design.scenario.seed = seed;
      });
    }
    this.load();
  }

  /** Reload and keep running if it was (a structural edit, a changed seed or duration). */
  restart(notice?: string): void {
    const wasRunning = useRunStore.getState().status === 'running';
    if (!this.loaded) return;
    if (!this.load()) return;
    if (wasRunning) this.start();
    if (notice) useUiStore.getState().showNotice({ text: notice, tone: 'info' });
  }

  /** Drops the run (a different document was opened): idle, nothing loaded. */
  unload(): void {
    this.runId++;
    this.loaded = false;
    if (this.worker) this.post({ type: 'pause' });
    liveFrame.layout = null;
    liveFrame.version++;
    useRunStore.setState({
      status: 'idle',
      loaded: false,
      ...emptyRun(),
    });
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  setSpeed(speed: RunSpeed): void {
    useRunStore.setState({ speed });
    if (this.worker) this.post({ type: 'speed', speed });
  }

  /** Live chaos at the current sim time; starts a paused run at t = 0 when none exists. */
  chaos(command: ChaosCommand): boolean {
    if (!this.loaded && !this.load()) return false;
    this.post({ type: 'chaos', chaos: command });
    return true;
  }

  editParams(id: string, params: Params): void {
    if (!this.loaded) return;
    this.post({ type: 'edit', id, params });
  }

  private request<T>(message: Record<string, unknown>): Promise<T> {
    const requestId = this.nextRequest++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ ...message, type: 'request', requestId } as ToWorker);
    });
  }

  /** The slowest 1% of end-to-end requests (through nodeId, or all): per hop queueing, service and
   *  network time, and where failures started (the engine's explainSlowest); null before a run. */
  explainSlowest(nodeId: string | null): Promise<SlowestRequests | null> {
    if (!this.loaded) return Promise.resolve(null);
    return this.request({ what: 'explainSlowest', nodeId });
  }
  results(): Promise<unknown> {
    if (!this.loaded) return Promise.resolve(null);
    return this.request({ what: 'results' });
  }
  recording(): Promise<RunRecording | null> {
    if (!this.loaded) return Promise.resolve(null);
    return this.request({ what: 'recording' });
  }
  fingerprint(): Promise<string | null> {
    if (!this.loaded) return Promise.resolve(null);
    return this.request({ what: 'fingerprint' });
  }
  replayFingerprint(recording: RunRecording): Promise<string> {
    return this.request({ what: 'replayFingerprint', recording });
  }

  /** Is this log entry a chaos action that can become a scenario step? */
  isChaosEntry(entry: LogEntry): boolean {
    return isChaosLogType(entry.type) && entry.ignored === undefined;
  }

  /** Appends a chaos log entry to the design's scenario (one undo step); it fires there next run. */
  saveAsScenarioStep(entry: LogEntry): boolean {
    if (!this.isChaosEntry(entry)) return false;
    const step: ScenarioEvent = {
      atS: Math.round(entry.t) / 1000,
      action: entry.type as ChaosAction,
      target: entry.target,
    };
    if (typeof entry.factor === 'number') step.factor = entry.factor;
    if (typeof entry.durationS === 'number') step.durationS = entry.durationS;
    const saved = useDesignStore.getState().change(
      'Save chaos as scenario step',
      (design) => {
        design.scenario.events.push(step);
        design.scenario.events.sort((a, b) => a.atS - b.atS);
      },
      { action: 'Saving it as a scenario step' },
    );
    if (!saved) return false; // the design holds no more scenario steps (the store said so)
    useUiStore.getState().showNotice({
      text: `Saved “${step.action} ${step.target}” at ${step.atS} s as a scenario step: it replays there after a reset.`,
      tone: 'info',
    });
    return true;
  }

  private receive(message: FromWorker): void {
    if (message.type !== 'reply') this.awaitingFrame = false;
    if (message.type === 'reply') {
      const pending = this.pending.get(message.requestId);
      if (!pending) return;
      this.pending.delete(message.requestId);
      if (message.error) pending.reject(new Error(message.error));
      else pending.resolve(message.value);
      return;
    }
    if (message.runId !== this.runId) return; // from a run that was reset since
    if (message.type === 'notice') {
      if (message.tone === 'error') {
        this.loaded = false;
        useRunStore.setState({ status: 'idle', loaded: false, problem: message.text });
      }
      useUiStore.getState().showNotice({ text: message.text, tone: message.tone });
      return;
    }
    if (message.layout) liveFrame.layout = message.layout;
    liveFrame.nodes = message.nodes;
    liveFrame.instances = message.instances;
    liveFrame.edges = message.edges;
    liveFrame.version++;
    const state = useRunStore.getState();
    // The worker's status wins except while a start/pause we sent is still on its way.
    const expected = this.expectedStatus;
    let status = message.status;
    if (expected) {
      const stale = status !== expected.status && status !== 'done' && performance.now() < expected.untilMs;
      if (stale) status = state.status;
      else this.expectedStatus = null;
    }
    if (status !== 'running') this.pausing = false;
    const patch: Partial<typeof state> = {
      status,
      simTimeMs: message.simTimeMs,
      achievedSpeed: message.achievedSpeed,
      eventsPerS: message.eventsPerS,
      eventsProcessed: message.eventsProcessed,
    };
    if (message.samples.length > 0) {
      patch.historyVersion = appendSamples(state.history, message.samples);
      patch.latest = message.samples[message.samples.length - 1];
    }
    if (message.log.length > 0) {
      const log = state.log.concat(message.log);
      patch.log = log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log;
    }
    useRunStore.setState(patch);
  }

  /** Stops the worker (tests and teardown). */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.loaded = false;
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
  }
}

export const runClient = new RunClient();
