// Parameters into the runtime, at start and on live edits: a node's resolved parameters become
// its hot-path fields, edges get their latency/filter/weight, routes are wired, and a live edit
// resizes a node (more instances) or reshapes it (its kind decides, e.g. database shards).
import { CATALOG, EDGE_PARAMS, resolveParams } from '../document/catalog';
import type { ParamValue, Params } from '../document/types';
import * as kinds from '../kinds/dispatch';
import { dropInstanceWork } from './chaos';
import { PROTOCOLS } from '../document/protocols';
import { EV_FLUSH, FILTER_ALL, FILTER_AUTH, FILTER_READS, FILTER_WRITES } from './constants';
import * as payloads from './payloads';
import type { NodeRuntime } from './nodeRuntime';
import { schedule } from './scheduling';
import type { Simulation } from './simulation';

export function applyEdgeParams(sim: Simulation, e: number, params: Params): void {
  const resolved = resolveParams(EDGE_PARAMS, params);
  sim.edgeLatencyMs[e] = Number(resolved.latencyMs);
  sim.edgeAsync[e] =
    resolved.async === true || kinds.buffersMessages(sim.nodes[sim.edgeTo[e]].kindCode) ? 1 : 0;
  const filter = resolved.filter;
  sim.edgeFilter[e] =
    filter === 'reads'
      ? FILTER_READS
      : filter === 'writes'
        ? FILTER_WRITES
        : filter === 'auth'
          ? FILTER_AUTH
          : FILTER_ALL;
  sim.edgeWeight[e] = Number(resolved.weight);
  sim.edgeProtocol[e] = Math.max(0, PROTOCOLS.indexOf(resolved.protocol as (typeof PROTOCOLS)[number]));
  const mbps = Number(resolved.bandwidthMbps);
  sim.edgeMsPerKB[e] = Number.isFinite(mbps) && mbps > 0 ? 8 / mbps : 0;
}

/**
 * Breaker state is indexed by edge id, so it costs 13 bytes × edges per node: only nodes with a
 * breaker (breakerThreshold > 0, which guards every use) get it. `fresh` after the edges change.
 */
export function allocateBreakers(sim: Simulation, node: NodeRuntime, fresh: boolean): void {
  const size = node.breakerThreshold > 0 ? sim.edgeIds.length : 0;
  if (!fresh && node.breakerOpen.length === size) return;
  node.breakerFailures = new Int32Array(size);
  node.breakerOpenUntilMs = new Float64Array(size);
  node.breakerOpen = new Uint8Array(size);
}

/** Reads the resolved parameters into the node's hot-path fields (at start and on hot edits). */
export function applyNodeParams(sim: Simulation, node: NodeRuntime, initial: boolean): void {
  const kind = node.kindCode;
  kinds.readParams(node);
  allocateBreakers(sim, node, false);
  kinds.configureServiceTimes(node);
  const instances = kinds.instanceCountOf(node);
  if (initial) {
    node.instanceCount = 0;
    node.resizeInstances(instances);
  } else if (instances !== node.instanceCount) resizeNode(sim, node, instances);
  const workersTotal = kinds.hasWorkers(kind) ? node.workers * node.instanceCount : 0;
  node.workersArea -= (workersTotal - node.workersTotal) * sim.now;
  node.workersTotal = workersTotal;
  kinds.configure(sim, node, initial);
}

/**
 * Each node's routes: `auth` edges carry only a gateway's auth lookups (synchronous ones: a lookup
 * waits for its answer), so they are kept apart and no other routing (a client's or a service's
 * matching edges, a balancer's targets, a queue's consumers) ever sees them.
 */
export function wireRoutes(sim: Simulation): void {
  const authEdges: number[][] = sim.nodes.map(() => []);
  for (const node of sim.nodes) {
    node.outEdges = [];
    node.upstreamQueues = [];
    node.consumerEdges = [];
  }
  for (let e = 0; e < sim.edgeIds.length; e++) {
    const from = sim.nodes[sim.edgeFrom[e]];
    const to = sim.nodes[sim.edgeTo[e]];
    if (sim.edgeFilter[e] === FILTER_AUTH) {
      if (sim.edgeAsync[e] === 0) authEdges[from.index].push(e);
      continue;
    }
    if (kinds.buffersMessages(from.kindCode)) {
      // A queue's outgoing edges lead to its consumers, which pull.
      from.consumerEdges.push(e);
      to.upstreamQueues.push(from.index);
      continue;
    }
    from.outEdges.push(e);
  }
  for (const node of sim.nodes) {
    const reads = node.outEdges.filter((e) => sim.edgeFilter[e] !== FILTER_WRITES);
    const writes = node.outEdges.filter((e) => sim.edgeFilter[e] !== FILTER_READS);
    node.readEdges = Int32Array.from(reads);
    node.writeEdges = Int32Array.from(writes);
    const cumulative = (edges: number[]) => {
      let sum = 0;
      return Float64Array.from(edges, (e) => (sum += sim.edgeWeight[e]));
    };
    node.readWeights = cumulative(reads);
    node.writeWeights = cumulative(writes);
    node.authEdges = Int32Array.from(authEdges[node.index]);
    node.authWeights = cumulative(authEdges[node.index]);
    allocateBreakers(sim, node, true);
    kinds.routesWired(sim, node);
  }
  payloads.noteCallsOverProtocols(sim);
}

/** Which request fields some component reads (a balancer's algorithm or a limiter's scope can change live). */
export function noteKeyReaders(sim: Simulation): void {
  sim.keysMatter = sim.nodes.some((n) => kinds.readsKeys(n.kindCode));
  sim.usersMatter = sim.nodes.some((n) => kinds.readsUsers(n));
}

/** Whether calls carry payload sizes (payloads.ts): at start and after every live edit. */
export function notePayloads(sim: Simulation): void {
  payloads.notePayloads(
    sim,
    sim.nodes.some((node) => kinds.hasPayloads(node)),
  );
}

export function startNode(sim: Simulation, node: NodeRuntime): void {
  kinds.start(sim, node);
}

/**
 * Changes parameters of a node or an edge while the run goes on (more instances, a bigger
 * cache, a different timeout…). Returns an error message when the edit cannot be applied live.
 */
export function editParams(sim: Simulation, id: string, params: Params): string | null {
  const e = sim.edgeIndex.get(id);
  if (e !== undefined) {
    const edge = sim.design.edges[e];
    edge.params = { ...edge.params, ...params };
    const wasFilter = sim.edgeFilter[e];
    const wasWeight = sim.edgeWeight[e];
    const wasProtocol = sim.edgeProtocol[e];
    const wasAsync = sim.edgeAsync[e];
    applyEdgeParams(sim, e, edge.params);
    // An auth edge made async (or back) leaves (or joins) its gateway's lookup routes.
    const authAsyncChanged = sim.edgeFilter[e] === FILTER_AUTH && wasAsync !== sim.edgeAsync[e];
    if (wasFilter !== sim.edgeFilter[e] || wasWeight !== sim.edgeWeight[e] || authAsyncChanged)
      wireRoutes(sim);
    else if (wasProtocol !== sim.edgeProtocol[e]) payloads.noteCallsOverProtocols(sim);
    notePayloads(sim);
    return null;
  }
  const index = sim.nodeIndex.get(id);
  if (index === undefined) return `No node or edge "${id}".`;
  const node = sim.nodes[index];
  const designNode = sim.design.nodes[index];
  const refusal = kinds.liveEditRefusal(node, params);
  if (refusal !== null) return refusal;
  designNode.params = { ...designNode.params, ...params };
  node.params = resolveParams(CATALOG[node.kind as keyof typeof CATALOG].params, designNode.params) as Record<
    string,
    ParamValue
  >;
  kinds.reshape(sim, node);
  const hadWriteBack = kinds.writesBack(node);
  applyNodeParams(sim, node, false);
  noteKeyReaders(sim);
  notePayloads(sim);
  if (!hadWriteBack && kinds.writesBack(node))
    schedule(sim, sim.now + node.numberParam('writeBackFlushMs'), EV_FLUSH, node.index, 0);
  // A bigger pool may start queued work right away.
  if (kinds.hasWorkers(node.kindCode))
    for (let i = 0; i < node.instanceCount; i++) kinds.fillWorkers(sim, node, i);
  return null;
}

export function resizeNode(sim: Simulation, node: NodeRuntime, count: number): void {
  for (let i = count; i < node.instanceCount; i++) dropInstanceWork(sim, node, i);
  node.resizeInstances(count);
  sim.layoutVersion++;
  kinds.resized(sim, node);
  kinds.targetsChanged(sim, node);
}
