// The simulation worker's entry: a SimHost wired to the worker's messages, a MessageChannel to
// yield between slices (so commands apply at slice boundaries) and the worker's clock.
/// <reference lib="webworker" />
import type { ToWorker, WorkerTestFault } from './protocol';
import { SimHost } from './simHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
const tasks: (() => void)[] = [];
channel.port1.onmessage = () => {
  const task = tasks.shift();
  if (task) runSlice(task);
};

/** Armed by a test fault (automation only): the next slice throws, as an engine bug would. */
let armedFault: string | null = null;
function runSlice(task: () => void): void {
  if (armedFault !== null) {
    const message = armedFault;
    armedFault = null;
    throw new Error(message);
  }
  task();
}

const host = new SimHost({
  now: () => performance.now(),
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  yieldThen: (task) => {
    tasks.push(task);
    channel.port2.postMessage(null);
  },
  wait: (task, ms) => setTimeout(() => runSlice(task), ms),
});

scope.onmessage = (event: MessageEvent<ToWorker | WorkerTestFault>) => {
  const message = event.data;
  if (message.type === 'testFault') armedFault = message.message;
  else host.handle(message);
};
