// The run client survives its worker: an exception, an unreadable message or silence while it
// should be running ends the run with a notice, keeps the design, answers open questions with the
// error, and the next start builds a new worker. A fake worker stands in for the real one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webTierDesign } from '../../shared/testing/designs';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import type { FrameMessage, FromWorker, ToWorker, WorkerTestFault } from '../worker/protocol';
import { appErrors } from '../ui/appErrors';
import { DEFAULT_STALL_MS, RunClient, type SimulationWorker } from './runClient';
import { useRunStore } from './runStore';

class FakeWorker implements SimulationWorker {
  onmessage: SimulationWorker['onmessage'] = null;
  onerror: SimulationWorker['onerror'] = null;
  onmessageerror: SimulationWorker['onmessageerror'] = null;
  readonly received: (ToWorker | WorkerTestFault)[] = [];
  terminated = false;
  runId = 0;

  postMessage(message: ToWorker | WorkerTestFault): void {
    this.received.push(message);
    if (message.type === 'load') this.runId = message.runId;
  }
  terminate(): void {
    this.terminated = true;
  }
  /** A frame as the host posts it. */
  frame(status: FrameMessage['status'], simTimeMs: number): void {
    const frame: FrameMessage = {
      type: 'frame',
      runId: this.runId,
      status,
      simTimeMs,
      durationMs: 60_000,
      eventsProcessed: simTimeMs,
      achievedSpeed: 1,
      eventsPerS: 1000,
      nodes: new Float64Array(0),
      instances: new Float64Array(0),
      edges: new Float64Array(0),
      global: null,
      samples: [],
      log: [],
    };
    this.send(frame);
  }
  send(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  /** What the browser does when the worker's code throws and nothing in it catches. */
  throwUncaught(message: string): { defaultPrevented: boolean } {
    const event = { message, error: new Error(message), defaultPrevented: false } as ErrorEvent & {
      defaultPrevented: boolean;
    };
    (event as { preventDefault: () => void }).preventDefault = () => {
      event.defaultPrevented = true;
    };
    this.onerror?.(event);
    return event;
  }
}

let workers: FakeWorker[];
let client: RunClient;
const createClient = (stallMs?: number) =>
  new RunClient({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    stallMs,
  });

beforeEach(() => {
  workers = [];
  appErrors.length = 0;
  useUiStore.setState({ notice: null });
  useDesignStore.getState().replaceDesign(webTierDesign());
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  client?.dispose();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Starts a run and lets the fake worker report it running. */
function startRunning(): FakeWorker {
  client.start();
  const worker = workers[workers.length - 1];
  worker.frame('idle', 0);
  worker.frame('running', 1500);
  expect(useRunStore.getState().status).toBe('running');
  return worker;
}

describe('a simulation worker that crashes', () => {
  it('ends the run with an error notice naming the cause, once, and keeps the design', () => {
    client = createClient();
    const design = useDesignStore.getState().design;
    const worker = startRunning();
    const event = worker.throwUncaught('Uncaught Error: engine bug: negative queue depth');

    const text =
      'The simulation crashed: engine bug: negative queue depth. The run stopped; your design is kept. Press Run to start a new run.';
    expect(worker.terminated).toBe(true);
    expect(useRunStore.getState()).toMatchObject({ status: 'idle', crash: text, simTimeMs: 1500 });
    expect(useUiStore.getState().notice).toEqual({ text, tone: 'error' });
    // Handled: the page does not report it again as its own uncaught error.
    expect(event.defaultPrevented).toBe(true);
    expect(appErrors.map((entry) => entry.message)).toEqual([text]);
    expect(useDesignStore.getState().design).toBe(design);
  });

  it('answers questions still open with the error instead of leaving them waiting', async () => {
    client = createClient();
    const worker = startRunning();
    const results = client.results();
    worker.throwUncaught('Uncaught RangeError: Invalid array length');
    await expect(results).rejects.toThrow('The simulation crashed: RangeError: Invalid array length.');
  });

  it('ignores what the dead worker still sends, and the next Run starts a new worker at 0 s', () => {
    client = createClient();
    const first = startRunning();
    first.throwUncaught('Uncaught Error: boom');
    first.frame('running', 9000); // already on its way when it died
    expect(useRunStore.getState().simTimeMs).toBe(1500);

    client.start();
    expect(workers).toHaveLength(2);
    const second = workers[1];
    expect(second.received.map((message) => message.type)).toEqual(['speed', 'load', 'start']);
    expect(second.runId).toBeGreaterThan(first.runId);
    expect(useRunStore.getState()).toMatchObject({ status: 'running', simTimeMs: 0, crash: null });
    second.frame('running', 500);
    expect(useRunStore.getState().simTimeMs).toBe(500);
  });

  it('ends the run the same way when a message from the worker cannot be read', () => {
    client = createClient();
    const worker = startRunning();
    worker.onmessageerror?.({} as MessageEvent);
    expect(worker.terminated).toBe(true);
    expect(useRunStore.getState().crash).toBe(
      'The simulation crashed: a message from the simulation could not be read. The run stopped; your design is kept. Press Run to start a new run.',
    );
  });

  it('passes a test fault to the worker (which throws in its next slice)', () => {
    client = createClient();
    const worker = startRunning();
    expect(client.injectWorkerFault('engine bug')).toBe(true);
    expect(worker.received.at(-1)).toEqual({
      type: 'testFault',
      fault: 'throwInSlice',
      message: 'engine bug',
    });
  });
});

describe('a simulation worker that goes silent', () => {
  it('is taken to have died after the stall limit while it should be running', () => {
    vi.useFakeTimers();
    client = createClient();
    const worker = startRunning();
    vi.advanceTimersByTime(DEFAULT_STALL_MS - 1000);
    expect(worker.terminated).toBe(false);
    vi.advanceTimersByTime(1500);
    expect(worker.terminated).toBe(true);
    expect(useRunStore.getState()).toMatchObject({ status: 'idle' });
    expect(useRunStore.getState().crash).toMatch(
      /^The simulation crashed: it stopped responding \(nothing for 10 s\)\./,
    );
  });

  it('is not blamed while it keeps sending frames, however long the run', () => {
    vi.useFakeTimers();
    client = createClient(1000);
    const worker = startRunning();
    for (let t = 0; t < 200; t++) {
      vi.advanceTimersByTime(100);
      worker.frame('running', 1500 + t * 100);
    }
    expect(worker.terminated).toBe(false);
    expect(useRunStore.getState().status).toBe('running');
  });

  it('may stay silent when paused or finished: nothing is expected of it', () => {
    vi.useFakeTimers();
    client = createClient(1000);
    const worker = startRunning();
    worker.frame('paused', 2000);
    vi.advanceTimersByTime(60_000);
    expect(worker.terminated).toBe(false);
    client.start();
    worker.frame('done', 60_000);
    vi.advanceTimersByTime(60_000);
    expect(worker.terminated).toBe(false);
  });

  it('is blamed when a question goes unanswered, even while paused', async () => {
    vi.useFakeTimers();
    client = createClient(1000);
    const worker = startRunning();
    worker.frame('paused', 2000);
    const explained = client.explainSlowest(null);
    vi.advanceTimersByTime(1500);
    expect(worker.terminated).toBe(true);
    await expect(explained).rejects.toThrow('it stopped responding');
  });
});
