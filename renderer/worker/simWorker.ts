// The simulation worker's entry: a SimHost wired to the worker's messages, a MessageChannel to
// yield between slices (so commands apply at slice boundaries) and the worker's clock.
/// <reference lib="webworker" />
import type { ToWorker } from './protocol';
import { SimHost } from './simHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
const tasks: (() => void)[] = [];
channel.port1.onmessage = () => {
  const task = tasks.shift();
  if (task) task();
};

const host = new SimHost({
  now: () => performance.now(),
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  yieldThen: (task) => {
    tasks.push(task);
    channel.port2.postMessage(null);
  },
  wait: (task, ms) => setTimeout(task, ms),
});

scope.onmessage = (event: MessageEvent<ToWorker>) => host.handle(event.data);
