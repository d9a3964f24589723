// Message queue. Producers reach it over async edges (every edge into a queue is treated as
// async). Messages wait in FIFO order; consumer instances (services/workers on the queue's
// outgoing edges) receive one whenever they have a free worker and nothing queued locally (pull).
// atLeastOnce: a received message stays invisible for visibilityTimeoutMs; the consumer's
// success acknowledges (deletes) it; otherwise it becomes visible again and is redelivered
// (every delivery after the first counts as a duplicate). After maxReceives deliveries it goes to
// the dead-letter queue. atMostOnce: a message is deleted when delivered; if its consumer crashes
// mid-message it is lost (counted).
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { round } from '../../engine/numbers';
import type { NodeResult } from '../../engine/results';
import {
  EV_VISIBILITY,
  F_AT_MOST_ONCE,
  F_RESERVED,
  I_UP,
  R_ERROR,
  R_REJECTED,
  S_MESSAGE_INFLIGHT,
  S_MESSAGE_READY,
} from '../../engine/constants';
import {
  C_DEAD_LETTERED,
  C_QUEUE_INTEGRAL,
  C_DUPLICATES,
  C_MESSAGES_LOST,
  C_WAIT_COUNT,
  C_WAIT_SUM,
} from '../../engine/metrics';

export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  if (node.ready.length + node.messagesInFlight >= node.messageCapacity) {
    sim.finishCall(c, false, R_REJECTED, true);
    return;
  }
  node.ready.push(c);
  sim.setQueued(node, node.ready.length);
  sim.noteQueued(node);
  pool.state[c] = S_MESSAGE_READY;
  pool.step[c] = 0; // receives so far
  dispatch(sim, node);
}

/** Hands visible messages to consumer instances with a free worker, round-robin. */
export function dispatch(sim: Simulation, node: NodeRuntime): void {
  if (node.instanceState[0] !== I_UP) return;
  const edges = node.consumerEdges;
  if (edges.length === 0) return;
  while (node.ready.length > 0) {
    let slots = 0;
    for (const e of edges) slots += sim.nodes[sim.edgeTo[e]].instanceCount;
    let found = false;
    for (let k = 0; k < slots && !found; k++) {
      let index = (node.consumerCursor + k) % slots;
      for (const e of edges) {
        const consumer = sim.nodes[sim.edgeTo[e]];
        if (index >= consumer.instanceCount) {
          index -= consumer.instanceCount;
          continue;
        }
        if (
          sim.edgeCut[e] === 0 &&
          consumer.instanceState[index] === I_UP &&
          consumer.waiting[index].length === 0 &&
          consumer.busy[index] + consumer.reserved[index] < consumer.workers
        ) {
          node.consumerCursor = (node.consumerCursor + k + 1) % slots;
          deliver(sim, node, e, consumer, index);
          found = true;
        }
        break;
      }
    }
    if (!found) return;
  }
}

function deliver(
  sim: Simulation,
  node: NodeRuntime,
  e: number,
  consumer: NodeRuntime,
  instance: number,
): void {
  const pool = sim.pool;
  const message = node.ready.shift();
  sim.setQueued(node, node.ready.length);
  const receives = ++pool.step[message];
  if (receives === 1) {
    const waitedMs = sim.now - pool.arriveMs[message];
    node.counters[C_WAIT_SUM] += waitedMs;
    node.counters[C_WAIT_COUNT]++;
    if (waitedMs > node.oldestAgeMaxSinceWarmup) node.oldestAgeMaxSinceWarmup = waitedMs;
  }
  if (receives > node.maxReceives) {
    node.counters[C_DEAD_LETTERED]++;
    sim.finishCall(message, false, R_ERROR, true);
    return;
  }
  if (receives > 1) node.counters[C_DUPLICATES]++;
  // The consumer's worker is set aside for the message from now: it is busy (and counted so in
  // utilization) while the message crosses the delivery edge, then while it serves it.
  consumer.reserved[instance]++;
  sim.changeBusy(consumer, instance, 1);
  if (node.atMostOnce) {
    const work = sim.sendCall(message, e, instance, true);
    pool.flags[work] |= F_RESERVED | F_AT_MOST_ONCE;
    pool.tag[work] = node.index;
    sim.finishCall(message, true, 0, false); // deleted on delivery
    return;
  }
  node.messagesInFlight++;
  pool.state[message] = S_MESSAGE_INFLIGHT;
  const visibilityMs = node.visibilityTimeoutMs;
  pool.aux[message] = sim.now + visibilityMs;
  const work = sim.sendCall(message, e, instance, false);
  pool.flags[work] |= F_RESERVED;
  sim.scheduleOnLine(
    sim.delayLine(node.index),
    sim.now + visibilityMs,
    EV_VISIBILITY,
    message,
    pool.generation[message],
  );
}

/** The consumer finished with a message: success acknowledges it; failure waits for redelivery. */
export function consumerResponse(sim: Simulation, node: NodeRuntime, message: number, ok: boolean): void {
  const pool = sim.pool;
  if (pool.state[message] !== S_MESSAGE_INFLIGHT || !ok) return;
  node.messagesInFlight--;
  sim.finishCall(message, true, 0, false);
}

export function visibilityExpired(sim: Simulation, message: number): void {
  const pool = sim.pool;
  const node = sim.nodes[pool.node[message]];
  if (pool.state[message] !== S_MESSAGE_INFLIGHT || sim.now < pool.aux[message]) return;
  node.messagesInFlight--;
  const work = pool.child[message];
  if (work >= 0) {
    pool.child[message] = -1;
    sim.orphan(work); // the old consumer may still finish: a duplicate effect
  }
  node.ready.unshift(message);
  sim.setQueued(node, node.ready.length);
  pool.state[message] = S_MESSAGE_READY;
  dispatch(sim, node);
}

/** The queue itself crashed: every message it held is lost. */
export function dropAll(sim: Simulation, node: NodeRuntime): void {
  node.counters[C_MESSAGES_LOST] += node.ready.length + node.messagesInFlight;
  node.ready.clear();
  sim.setQueued(node, 0);
  node.messagesInFlight = 0;
}

export function sampleOldestAge(sim: Simulation, node: NodeRuntime): void {
  if (node.ready.length === 0) return;
  const ageMs = sim.now - sim.pool.arriveMs[node.ready.peek()];
  if (ageMs > node.oldestAgeMaxSinceWarmup) node.oldestAgeMaxSinceWarmup = ageMs;
}

/** Its part of the run totals (`results()`): counters since warm-up. */
export function addResults(node: NodeRuntime, c: Float64Array, spanMs: number, result: NodeResult): void {
  result.queue = {
    depthMean: round(c[C_QUEUE_INTEGRAL] / spanMs, 6),
    depthMax: node.maxQueuedSinceWarmup,
    oldestAgeMsMax: round(node.oldestAgeMaxSinceWarmup, 4),
    duplicates: c[C_DUPLICATES],
    lost: c[C_MESSAGES_LOST],
    deadLettered: c[C_DEAD_LETTERED],
  };
}

export function readParams(node: NodeRuntime): void {
  node.messageCapacity = node.numberParam('capacity');
  node.maxReceives = node.numberParam('maxReceives');
  node.atMostOnce = node.stringParam('delivery') === 'atMostOnce';
  node.visibilityTimeoutMs = node.numberParam('visibilityTimeoutMs');
}
