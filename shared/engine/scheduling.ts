// Scheduling: the event list's two fast lanes and the heap. Events due now go FIFO into the
// immediate queue; constant delays (an edge's latency, a node's fixed delay, a timeout) append to
// a FIFO delay line that keeps one event in the heap; everything else goes into the heap. Same
// total (time, sequence) order either way. Free functions taking the simulation (its fields hold
// the state); the event loop that drains them is Simulation.runUntil.
import { EV_LINE, EV_TIMEOUT, S_FREE } from './constants';
import type { DelayLine } from './heap';
import type { Simulation } from './simulation';

export function schedule(sim: Simulation, timeMs: number, type: number, a: number, b: number): void {
  if (timeMs <= sim.now) scheduleNow(sim, type, a, b);
  else pushEvent(sim, timeMs, sim.sequence++, type, a, b);
}

export function scheduleNow(sim: Simulation, type: number, a: number, b: number): void {
  sim.sequence++;
  let capacity = sim.immediateType.length;
  if (sim.immediateCount === capacity) {
    const grow = (old: Int32Array) => {
      const next = new Int32Array(capacity * 2);
      for (let i = 0; i < sim.immediateCount; i++) next[i] = old[(sim.immediateHead + i) & (capacity - 1)];
      return next;
    };
    sim.immediateType = grow(sim.immediateType);
    sim.immediateA = grow(sim.immediateA);
    sim.immediateB = grow(sim.immediateB);
    sim.immediateHead = 0;
    capacity *= 2;
  }
  const slot = (sim.immediateHead + sim.immediateCount++) & (capacity - 1);
  sim.immediateType[slot] = type;
  sim.immediateA[slot] = a;
  sim.immediateB[slot] = b;
}

export function pushEvent(
  sim: Simulation,
  timeMs: number,
  seq: number,
  type: number,
  a: number,
  b: number,
): void {
  if (sim.topPending) {
    sim.topPending = false;
    sim.heap.replaceTop(timeMs, seq, type, a, b);
  } else sim.heap.push(timeMs, seq, type, a, b);
}

/**
 * Schedules through a FIFO delay line when the time keeps the line in order (the usual case
 * for a constant delay); otherwise straight into the heap. Same total order either way.
 */
export function scheduleOnLine(
  sim: Simulation,
  line: number,
  timeMs: number,
  type: number,
  a: number,
  b: number,
): void {
  if (timeMs <= sim.now) {
    scheduleNow(sim, type, a, b);
    return;
  }
  const delayLine = sim.lines[line];
  const seq = sim.sequence++;
  const length = delayLine.length;
  if (length === 0) {
    delayLine.append(timeMs, seq, type, a, b);
    pushEvent(sim, timeMs, seq, EV_LINE, line, 0);
  } else if (timeMs >= delayLine.tailTime()) {
    if (length >= delayLine.compactAt) compactLine(sim, delayLine);
    delayLine.append(timeMs, seq, type, a, b);
  } else pushEvent(sim, timeMs, seq, type, a, b);
}

/**
 * Drops finished calls' timeouts from behind a line's head (long timeouts would otherwise pile
 * up for their whole duration); the head stays, since a heap event refers to it.
 */
export function compactLine(sim: Simulation, line: DelayLine): void {
  const length = line.length;
  const mask = line.mask;
  const head = line.head;
  const { time, seq, type, a, b } = line;
  let kept = 1;
  for (let k = 1; k < length; k++) {
    const from = (head + k) & mask;
    if (type[from] === EV_TIMEOUT && timeoutIsStale(sim, a[from], b[from])) continue;
    const to = (head + kept) & mask;
    time[to] = time[from];
    seq[to] = seq[from];
    type[to] = type[from];
    a[to] = a[from];
    b[to] = b[from];
    kept++;
  }
  line.length = kept;
  line.compactAt = Math.max(1024, kept * 2);
}

export function forwardLine(sim: Simulation, edge: number): number {
  return edge * 2;
}

export function backLine(sim: Simulation, edge: number): number {
  return edge * 2 + 1;
}

export function delayLine(sim: Simulation, node: number): number {
  return sim.edgeIds.length * 2 + node * 2;
}

export function timeoutLine(sim: Simulation, node: number): number {
  return sim.edgeIds.length * 2 + node * 2 + 1;
}

export function timeoutIsStale(sim: Simulation, c: number, generation: number): boolean {
  const pool = sim.pool;
  if (pool.generation[c] !== generation || pool.state[c] === S_FREE) return true;
  const parent = pool.parent[c];
  return parent < 0 || pool.child[parent] !== c || pool.generation[parent] !== pool.parentGeneration[c];
}
