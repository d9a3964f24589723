// Payloads, bandwidth and protocols: what a call weighs and what moving it costs.
//
// - Sizes travel with the call: a client's request sets its request and response sizes (by
//   operation); every hop below forwards them, so by default each responder sends back the
//   client's response size. An object store's objects have their own size: a read returns it, a
//   write uploads it. A call that stands for N resources (a GraphQL page) returns N responses.
// - An edge with `bandwidthMbps` is a link with one FIFO per direction: a message takes
//   size × 8 / Mbps ms to send and waits while the link sends the messages before it, so the
//   arrival time is known when the message is sent (no event of its own). A link at
//   ρ = λ·size/bandwidth queues like an M/D/1 (constant sizes) or M/G/1 station.
// - An edge's `protocol` (shared/document/protocols.ts) shapes the bytes (body factor, headers per
//   message) and costs worker time at each end that parses bodies: the receiver decodes the
//   request and encodes the response within its service; a service calling downstream encodes
//   each request and decodes each response within its own service time (its worker does it).
//
// None of this runs unless the design uses it (`sim.payloads`): calls then carry no sizes, links
// have no state that changes, and results have no `edges` section, so designs without payloads
// run exactly as before.
import { PROTOCOLS, PROTOCOL_COSTS, PROTOCOL_GRAPHQL, PROTOCOL_NONE } from '../document/protocols';
import { OP_READ } from './constants';
import type { NodeRuntime } from './nodeRuntime';
import { round } from './numbers';
import type { Simulation } from './simulation';

/** Protocol costs by code (positions in PROTOCOLS), read on the hot path. */
const SIZE_FACTOR = Float64Array.from(PROTOCOLS, (p) => PROTOCOL_COSTS[p].sizeFactor);
const HEADER_KB = Float64Array.from(PROTOCOLS, (p) => PROTOCOL_COSTS[p].headerKB);
const CPU_MS_PER_MESSAGE = Float64Array.from(PROTOCOLS, (p) => PROTOCOL_COSTS[p].cpuMsPerMessage);
const CPU_MS_PER_KB = Float64Array.from(PROTOCOLS, (p) => PROTOCOL_COSTS[p].cpuMsPerKB);

/** Per link (edge e's forward direction is 2e, its way back 2e + 1): the run's transfer books. */
export class Links {
  /** When the link finishes sending what it has been given (FIFO per direction). */
  readonly freeAtMs: Float64Array;
  /** Transmission time given to the link so far (busy ms, including what is still to send). */
  readonly busyMs: Float64Array;
  /** Kilobytes given to the link so far (sent, or waiting to be sent). */
  readonly kilobytes: Float64Array;
  readonly transfers: Float64Array;
  /** Time messages waited for the link before their first bit went out. */
  readonly waitMs: Float64Array;
  /** busy(t) and kilobytes at the last tick, and their deltas over the last complete second. */
  readonly tickSnapshot: Float64Array;
  readonly lastWindow: Float64Array;
  /** At the end of warm-up: busy(t), kilobytes, transfers, wait, per link; calls, failed per edge. */
  readonly warmupSnapshot: Float64Array;
  readonly edgeWarmupSnapshot: Float64Array;

  constructor(edgeCount: number) {
    const lines = edgeCount * 2;
    this.freeAtMs = new Float64Array(lines);
    this.busyMs = new Float64Array(lines);
    this.kilobytes = new Float64Array(lines);
    this.transfers = new Float64Array(lines);
    this.waitMs = new Float64Array(lines);
    this.tickSnapshot = new Float64Array(lines * 2);
    this.lastWindow = new Float64Array(lines * 2);
    this.warmupSnapshot = new Float64Array(lines * 4);
    this.edgeWarmupSnapshot = new Float64Array(edgeCount * 2);
  }

  /**
   * Busy ms up to `nowMs`: what was given minus what is still to send. FIFO transfers queued
   * behind the one in progress go back to back, so the rest of the backlog is freeAt − now (a
   * message held back by its sender's own work may leave a gap, counted busy until it is sent).
   */
  busyUpTo(line: number, nowMs: number): number {
    return this.busyMs[line] - Math.max(0, this.freeAtMs[line] - nowMs);
  }

  /** Kilobytes sent by `nowMs`: what was given less the backlog still to send (msPerKB: the rate). */
  sentUpTo(line: number, nowMs: number, msPerKB: number): number {
    const backlogMs = Math.max(0, this.freeAtMs[line] - nowMs);
    return msPerKB > 0 ? this.kilobytes[line] - backlogMs / msPerKB : this.kilobytes[line];
  }
}

/**
 * Whether the design moves sizes or has links or protocols (`nodesSizeCalls`: some node's
 * parameters give its calls sizes or several resources): calls carry sizes only then.
 */
export function notePayloads(sim: Simulation, nodesSizeCalls: boolean): void {
  let on = nodesSizeCalls;
  for (let e = 0; e < sim.edgeIds.length && !on; e++)
    on = sim.edgeProtocol[e] !== PROTOCOL_NONE || sim.edgeMsPerKB[e] > 0;
  if (on && !sim.payloads) {
    // Calls already in flight when a live edit turns payloads on carry no size.
    const pool = sim.pool;
    pool.requestKB.fill(0);
    pool.responseKB.fill(0);
    pool.resources.fill(1);
  }
  sim.payloads = on;
}

/** Puts `kilobytes` on a link at `readyMs`; returns when its last bit has left (FIFO, one at a time). */
function transmit(sim: Simulation, line: number, e: number, readyMs: number, kilobytes: number): number {
  const links = sim.links;
  links.kilobytes[line] += kilobytes;
  links.transfers[line]++;
  const msPerKB = sim.edgeMsPerKB[e];
  if (msPerKB === 0) return readyMs;
  const startMs = Math.max(readyMs, links.freeAtMs[line]);
  const sendMs = kilobytes * msPerKB;
  links.waitMs[line] += startMs - readyMs;
  links.freeAtMs[line] = startMs + sendMs;
  links.busyMs[line] += sendMs;
  return startMs + sendMs;
}

/** A call's request body over protocol p, KB on the wire (without headers). */
function requestBodyKB(sim: Simulation, c: number, p: number): number {
  return sim.pool.requestKB[c] * SIZE_FACTOR[p];
}

/** A call's response body over protocol p: one response per resource it stands for. */
function responseBodyKB(sim: Simulation, c: number, p: number): number {
  const pool = sim.pool;
  return pool.responseKB[c] * pool.resources[c] * SIZE_FACTOR[p];
}

/** Worker time to encode or decode one message of `bodyKB` over protocol p. */
function codecMs(p: number, bodyKB: number): number {
  return CPU_MS_PER_MESSAGE[p] + CPU_MS_PER_KB[p] * bodyKB;
}

/**
 * Call c leaves `from` over edge e at `readyMs`: it takes the sender's sizes (an object store
 * at the other end sets its object's), stands for `resources` resources (−1: the sender's), and
 * goes out on the link. Returns when it has left (then the edge's latency carries it).
 */
export function sendRequest(
  sim: Simulation,
  from: number,
  c: number,
  e: number,
  readyMs: number,
  resources: number,
): number {
  const pool = sim.pool;
  pool.requestKB[c] = pool.requestKB[from];
  pool.responseKB[c] = pool.responseKB[from];
  pool.resources[c] = resources > 0 ? resources : pool.resources[from];
  const objectKB = sim.nodes[sim.edgeTo[e]].payloadKB;
  if (objectKB > 0) {
    if (pool.operation[c] === OP_READ) pool.responseKB[c] = objectKB;
    else pool.requestKB[c] = objectKB;
  }
  const p = sim.edgeProtocol[e];
  return transmit(sim, 2 * e, e, readyMs, requestBodyKB(sim, c, p) + HEADER_KB[p]);
}

/** Call c's response leaves its node at `readyMs` back over edge e; returns when it has left. */
export function sendResponse(sim: Simulation, c: number, e: number, readyMs: number): number {
  const p = sim.edgeProtocol[e];
  return transmit(sim, 2 * e + 1, e, readyMs, responseBodyKB(sim, c, p) + HEADER_KB[p]);
}

/**
 * How many downstream calls a service makes per matching edge for call c: a GraphQL query for N
 * resources is resolved one resource at a time (N calls, the N+1 problem) unless the service
 * batches (one call for all N). 1 for everything else.
 */
export function callsPerEdge(sim: Simulation, node: NodeRuntime, c: number): number {
  const resources = sim.pool.resources[c];
  return resources > 1 && node.resolvesQueries && !node.graphqlBatching ? resources : 1;
}

/**
 * Worker time a node with workers spends on call c's protocols: decoding its request and
 * encoding its response over the edge it came by, and — a service — encoding each downstream
 * request and decoding each response over theirs.
 */
export function workerCodecMs(sim: Simulation, node: NodeRuntime, c: number): number {
  const pool = sim.pool;
  let ms = 0;
  const inbound = pool.edge[c];
  if (inbound >= 0) {
    const p = sim.edgeProtocol[inbound];
    if (p !== PROTOCOL_NONE)
      ms += codecMs(p, requestBodyKB(sim, c, p)) + codecMs(p, responseBodyKB(sim, c, p));
  }
  if (node.callsOverProtocols) {
    const edges = sim.matchingEdges(node, pool.operation[c]);
    const calls = callsPerEdge(sim, node, c);
    // Each downstream call stands for one resource when resolved one by one, all of them when batched.
    const resources = calls > 1 ? 1 : pool.resources[c];
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k];
      const p = sim.edgeProtocol[e];
      if (p === PROTOCOL_NONE) continue;
      const objectKB = sim.nodes[sim.edgeTo[e]].payloadKB;
      const read = pool.operation[c] === OP_READ;
      const requestKB = objectKB > 0 && !read ? objectKB : pool.requestKB[c];
      const responseKB = objectKB > 0 && read ? objectKB : pool.responseKB[c];
      let perCall = codecMs(p, requestKB * SIZE_FACTOR[p]);
      if (sim.edgeAsync[e] === 0) perCall += codecMs(p, responseKB * resources * SIZE_FACTOR[p]);
      ms += calls * perCall;
    }
  }
  return ms;
}

/** Whether every edge the client sends this operation over speaks GraphQL (a page is one query). */
export function pageIsOneQuery(sim: Simulation, node: NodeRuntime, operation: number): boolean {
  const edges = sim.matchingEdges(node, operation);
  if (edges.length === 0) return false;
  for (let k = 0; k < edges.length; k++) if (sim.edgeProtocol[edges[k]] !== PROTOCOL_GRAPHQL) return false;
  return true;
}

/** Whether any of the node's outgoing edges has a protocol (its worker then pays for its calls). */
export function noteCallsOverProtocols(sim: Simulation): void {
  for (const node of sim.nodes) {
    node.callsOverProtocols = false;
    for (const e of node.outEdges) if (sim.edgeProtocol[e] !== PROTOCOL_NONE) node.callsOverProtocols = true;
  }
}

/** The 1 s tick: the last second's busy time and kilobytes sent per link. */
export function tickLinks(sim: Simulation): void {
  const links = sim.links;
  for (let line = 0; line < sim.edgeIds.length * 2; line++) {
    const busy = links.busyUpTo(line, sim.now);
    const sent = links.sentUpTo(line, sim.now, sim.edgeMsPerKB[line >> 1]);
    links.lastWindow[2 * line] = busy - links.tickSnapshot[2 * line];
    links.lastWindow[2 * line + 1] = sent - links.tickSnapshot[2 * line + 1];
    links.tickSnapshot[2 * line] = busy;
    links.tickSnapshot[2 * line + 1] = sent;
  }
}

export function endWarmupLinks(sim: Simulation): void {
  const links = sim.links;
  for (let line = 0; line < sim.edgeIds.length * 2; line++) {
    links.warmupSnapshot[4 * line] = links.busyUpTo(line, sim.now);
    links.warmupSnapshot[4 * line + 1] = links.sentUpTo(line, sim.now, sim.edgeMsPerKB[line >> 1]);
    links.warmupSnapshot[4 * line + 2] = links.transfers[line];
    links.warmupSnapshot[4 * line + 3] = links.waitMs[line];
  }
  for (let e = 0; e < sim.edgeIds.length; e++) {
    links.edgeWarmupSnapshot[2 * e] = sim.edgeSent[e];
    links.edgeWarmupSnapshot[2 * e + 1] = sim.edgeFailed[e];
  }
}

/** One direction of a link over the measured run (after warm-up). */
export interface LinkResult {
  /** Messages sent. */
  transfers: number;
  /** Kilobytes sent (bodies and headers; 1 KB = 1,000 bytes; a backlog still waiting is not yet). */
  kilobytes: number;
  /** Mean Mbit/s over the measured run. */
  meanMbps: number;
  /** Sending time over run time: λ·size/bandwidth (0 when unbounded). */
  utilization: number;
  /** Mean wait for the link before a message's first bit went out (0 when unbounded). */
  meanWaitMs: number;
}

/** An edge's run totals (CLI JSON `edges`, present when the design moves payloads). */
export interface EdgeResult {
  from: string;
  to: string;
  protocol: string;
  /** null: unbounded. */
  bandwidthMbps: number | null;
  /** Calls sent over it (after warm-up), and how many of those failed or timed out. */
  calls: number;
  failed: number;
  forward: LinkResult;
  back: LinkResult;
}

function linkResult(sim: Simulation, line: number, spanMs: number): LinkResult {
  const links = sim.links;
  const base = 4 * line;
  const since = (value: number, k: number) => value - (sim.warmedUp ? links.warmupSnapshot[base + k] : 0);
  const busy = since(links.busyUpTo(line, sim.now), 0);
  const kilobytes = since(links.sentUpTo(line, sim.now, sim.edgeMsPerKB[line >> 1]), 1);
  const transfers = since(links.transfers[line], 2);
  const waitMs = since(links.waitMs[line], 3);
  return {
    transfers,
    kilobytes: round(kilobytes, 3),
    meanMbps: round((kilobytes * 8) / spanMs, 6),
    utilization: round(busy / spanMs, 6),
    meanWaitMs: round(transfers > 0 ? waitMs / transfers : 0, 6),
  };
}

/** Every edge's run totals, or undefined when the design moves no payloads (its JSON is as before). */
export function edgeResults(sim: Simulation, spanMs: number): Record<string, EdgeResult> | undefined {
  if (!sim.payloads) return undefined;
  const out: Record<string, EdgeResult> = {};
  const links = sim.links;
  for (let e = 0; e < sim.edgeIds.length; e++) {
    const msPerKB = sim.edgeMsPerKB[e];
    out[sim.edgeIds[e]] = {
      from: sim.nodes[sim.edgeFrom[e]].id,
      to: sim.nodes[sim.edgeTo[e]].id,
      protocol: PROTOCOLS[sim.edgeProtocol[e]],
      bandwidthMbps: msPerKB > 0 ? round(8 / msPerKB, 6) : null,
      calls: sim.edgeSent[e] - (sim.warmedUp ? links.edgeWarmupSnapshot[2 * e] : 0),
      failed: sim.edgeFailed[e] - (sim.warmedUp ? links.edgeWarmupSnapshot[2 * e + 1] : 0),
      forward: linkResult(sim, 2 * e, spanMs),
      back: linkResult(sim, 2 * e + 1, spanMs),
    };
  }
  return out;
}
