// The engine's one door into the kinds: every per-kind hook is a static `switch` on the kind code
// here (a per-kind object table measured +3–5% on mixed designs). The engine core calls these and
// names no kind; dispatch.test.ts checks every kind in the list has a case for every hook it needs.
import type { NodeRuntime } from '../engine/nodeRuntime';
import type { Simulation } from '../engine/simulation';
import type { NodeResult } from '../engine/results';
import { EV_CLIENT_ARRIVAL, EV_ELECTION, EV_FLUSH, EV_HEALTH_CHECK, EV_HEARTBEAT } from '../engine/constants';
import {
  EV_REPLICATED,
  EV_USER_THINK,
  EV_VISIBILITY,
  OP_READ,
  OP_WRITE,
  R_UNAVAILABLE,
} from '../engine/constants';
import { S_REPLICATING } from '../engine/constants';
import { KINDS } from './index';
import type { KindCapabilities } from './kindSpec';
import {
  K_CACHE,
  K_CDN,
  K_CLIENT,
  K_DATABASE,
  K_GATEWAY,
  K_LOAD_BALANCER,
  K_OBJECT_STORE,
  K_QUEUE,
  K_RATE_LIMITER,
  K_SERVICE,
  K_WORKER,
} from './codes';
import * as cache from './cache/sim';
import * as client from './client/sim';
import * as database from './database/sim';
import * as gateway from './gateway/sim';
import * as loadBalancer from './loadBalancer/sim';
import * as objectStore from './objectStore/sim';
import * as queue from './queue/sim';
import * as rateLimiter from './rateLimiter/sim';
import * as serving from './common/serving';
import { readRetryParams } from './common/retry';

type Flag = {
  [F in keyof KindCapabilities]: KindCapabilities[F] extends boolean ? F : never;
}[keyof KindCapabilities];
const byCode = (flag: Flag): Uint8Array =>
  Uint8Array.from(KINDS, (spec) => (spec.capabilities[flag] ? 1 : 0));
const ORIGINATES = byCode('originatesRequests');
const IS_PROXY = byCode('isProxy');
const CACHES_KEYS = byCode('cachesKeys');
const BUFFERS_MESSAGES = byCode('buffersMessages');
const READS_KEYS = byCode('readsKeys');

/** Capability questions by kind code (typed-array lookups on the hot path). */
export const originatesRequests = (code: number): boolean => ORIGINATES[code] === 1;
export const isProxy = (code: number): boolean => IS_PROXY[code] === 1;
export const cachesKeys = (code: number): boolean => CACHES_KEYS[code] === 1;
export const buffersMessages = (code: number): boolean => BUFFERS_MESSAGES[code] === 1;
export const readsKeys = (code: number): boolean => READS_KEYS[code] === 1;
export const hasWorkers = serving.hasWorkers;

/** How a hop's own time splits for the tail analysis (trace.ts). */
export const HOP_NO_QUEUE = 0;
export const HOP_STATION = 1; // queues for a worker, then serves (database, object store, proxies)
export const HOP_SERVICE = 2; // a service or worker: queueing, service, downstream calls, backoff
export function hopTimeSplit(code: number): number {
  switch (code) {
    case K_SERVICE:
    case K_WORKER:
      return HOP_SERVICE;
    default:
      return serving.hasWorkers(code) ? HOP_STATION : HOP_NO_QUEUE;
  }
}

/** Reads the kind's hot-path fields from its resolved parameters (at start and on hot edits). */
export function readParams(node: NodeRuntime): void {
  switch (node.kindCode) {
    case K_CLIENT:
      readRetryParams(node);
      break;
    case K_SERVICE:
      serving.readServiceParams(node);
      serving.readCallerParams(node);
      node.resolvesQueries = true;
      node.graphqlBatching = node.booleanParam('graphqlBatching');
      break;
    case K_WORKER:
      serving.readServiceParams(node);
      serving.readCallerParams(node);
      break;
    case K_OBJECT_STORE:
      serving.readPoolParams(node);
      node.payloadKB = node.numberParam('objectKB');
      break;
    case K_DATABASE:
      serving.readPoolParams(node);
      serving.readServiceShape(node);
      node.replicationLagMs = node.numberParam('replicationLagMs');
      break;
    case K_GATEWAY:
      gateway.readParams(node);
      break;
    case K_RATE_LIMITER:
      node.overheadMs = node.numberParam('overheadMs');
      serving.readProxyPoolParams(node, node.overheadMs);
      break;
    case K_LOAD_BALANCER:
      node.overheadMs = node.numberParam('overheadMs');
      node.maxConnections = node.numberParam('maxConnections');
      serving.readProxyPoolParams(node, node.overheadMs);
      break;
    case K_CACHE:
    case K_CDN:
      node.hitTimeMs = node.numberParam('hitTimeMs');
      serving.readProxyPoolParams(node, node.hitTimeMs);
      break;
    case K_QUEUE:
      queue.readParams(node);
      break;
  }
}

/** Instances the node's parameters make. */
export function instanceCountOf(node: NodeRuntime): number {
  switch (node.kindCode) {
    case K_DATABASE:
      return database.instanceCountOf(node);
    case K_QUEUE:
    case K_CLIENT:
      return 1;
    default:
      return Math.max(1, Math.floor(node.numberParam('instances')));
  }
}

/** Mean read and write service times (a database's depend on its engine, rows and index). */
export function configureServiceTimes(node: NodeRuntime): void {
  switch (node.kindCode) {
    case K_DATABASE:
      node.readServiceMs = database.meanServiceMs(node, OP_READ);
      node.writeServiceMs = database.meanServiceMs(node, OP_WRITE);
      break;
    case K_OBJECT_STORE:
      node.readServiceMs = node.numberParam('readTimeMs');
      node.writeServiceMs = node.numberParam('writeTimeMs');
      break;
    default:
      node.readServiceMs = 0;
      node.writeServiceMs = 0;
  }
}

/** Reads the kind's own parameters (at start and on hot edits). */
export function configure(sim: Simulation, node: NodeRuntime, initial: boolean): void {
  switch (node.kindCode) {
    case K_CLIENT:
      client.configure(sim, node);
      break;
    case K_GATEWAY:
      gateway.configure(sim, node, initial);
      break;
    case K_RATE_LIMITER:
      rateLimiter.configure(sim, node, initial);
      break;
    case K_CACHE:
    case K_CDN:
      cache.configure(sim, node);
      break;
    case K_DATABASE:
      database.configure(sim, node, initial);
      break;
    case K_LOAD_BALANCER:
      // A live change of algorithm or ring size rebuilds the targets (health kept).
      if (
        !initial &&
        (node.algorithm !== loadBalancer.algorithmCode(node) ||
          (node.ring !== null &&
            node.ring.size !== node.targetNode.length * node.numberParam('virtualNodes')))
      )
        loadBalancer.buildTargets(sim, node, true);
      break;
  }
}

/** Whether the node's parameters give calls sizes or several resources (engine/payloads.ts). */
export function hasPayloads(node: NodeRuntime): boolean {
  switch (node.kindCode) {
    case K_CLIENT:
      return client.hasPayloads(node);
    case K_OBJECT_STORE:
      return node.payloadKB > 0;
    default:
      return false;
  }
}

/** The node's edges were (re)wired. */
export function routesWired(sim: Simulation, node: NodeRuntime): void {
  if (node.kindCode === K_LOAD_BALANCER) loadBalancer.buildTargets(sim, node, false);
}

/** Whether the node reads the request's user id (hash balancing, per-user limits). */
export function readsUsers(node: NodeRuntime): boolean {
  switch (node.kindCode) {
    case K_LOAD_BALANCER:
      return /^(hash|consistentHash)$/.test(node.stringParam('algorithm'));
    case K_GATEWAY:
      return gateway.readsUsers(node);
    case K_RATE_LIMITER:
      return node.perUser;
    default:
      return false;
  }
}

/** The first events of a node's own (traffic, health checks, heartbeats, flushes). */
export function start(sim: Simulation, node: NodeRuntime): void {
  switch (node.kindCode) {
    case K_CLIENT:
      client.start(sim, node);
      break;
    case K_LOAD_BALANCER:
      sim.schedule(node.numberParam('healthCheckMs'), EV_HEALTH_CHECK, node.index, 0);
      break;
    case K_DATABASE:
      database.start(sim, node);
      break;
    case K_CACHE:
    case K_CDN:
      if (node.cacheMode === cache.MODE_WRITE_BACK)
        sim.schedule(node.numberParam('writeBackFlushMs'), EV_FLUSH, node.index, 0);
      break;
  }
}

/** Whether the node flushes dirty keys on a timer (write-back mode). */
export const writesBack = (node: NodeRuntime): boolean =>
  cachesKeys(node.kindCode) && node.cacheMode === cache.MODE_WRITE_BACK;

/** A call arrives at an instance that is up. */
export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  switch (node.kindCode) {
    case K_SERVICE:
    case K_WORKER:
    case K_OBJECT_STORE:
      serving.arrive(sim, node, c);
      break;
    case K_DATABASE:
      database.arrive(sim, node, c);
      break;
    case K_LOAD_BALANCER:
      loadBalancer.arrive(sim, node, c);
      break;
    case K_GATEWAY:
    case K_RATE_LIMITER:
      rateLimiter.arrive(sim, node, c);
      break;
    case K_CACHE:
    case K_CDN:
      cache.arrive(sim, node, c);
      break;
    case K_QUEUE:
      queue.arrive(sim, node, c);
      break;
    default:
      sim.finishCall(c, false, R_UNAVAILABLE, true);
  }
}

/**
 * A call arrives at a crashed instance: the connection is refused. A cache client then goes to
 * the origin itself (a miss); anything else fails.
 */
export function arriveAtDeadInstance(sim: Simulation, node: NodeRuntime, c: number): void {
  if (cachesKeys(node.kindCode)) cache.bypass(sim, node, c);
  else {
    if (spreadsRoundRobin(node.kindCode)) client.noteRefusal(sim, c);
    sim.finishCall(c, false, R_UNAVAILABLE, true);
  }
}

/** Whether calls no balancer placed go round-robin over its instances (routeInstance's default). */
function spreadsRoundRobin(code: number): boolean {
  switch (code) {
    case K_CACHE:
    case K_CDN:
    case K_DATABASE:
    case K_QUEUE:
    case K_CLIENT:
      return false;
    default:
      return true;
  }
}

/** Which instance serves a call that no balancer placed. */
export function routeInstance(sim: Simulation, node: NodeRuntime, c: number): number {
  switch (node.kindCode) {
    case K_CACHE:
    case K_CDN:
      return cache.instanceForKey(node, sim.pool.key[c]);
    case K_DATABASE:
      return database.route(sim, node, c);
    case K_QUEUE:
    case K_CLIENT:
      return 0;
    default:
      // Several instances and no balancer: plain round-robin, no health checks (spreadsRoundRobin).
      node.roundRobin = node.roundRobin + 1 >= node.instanceCount ? 0 : node.roundRobin + 1;
      return node.roundRobin;
  }
}

/** A downstream response (or failure) reaches the waiting call. */
export function childResponse(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  version: number,
): void {
  switch (node.kindCode) {
    case K_CLIENT:
      client.childResponse(sim, node, c, ok, reason);
      break;
    case K_SERVICE:
    case K_WORKER:
      serving.childResponse(sim, node, c, ok, reason);
      break;
    case K_LOAD_BALANCER:
      loadBalancer.release(sim, c);
      sim.pool.version[c] = version;
      sim.finishCall(c, ok, reason, false);
      break;
    case K_GATEWAY:
      gateway.childResponse(sim, node, c, ok, reason, version);
      break;
    case K_RATE_LIMITER:
      sim.pool.version[c] = version;
      sim.finishCall(c, ok, reason, false);
      break;
    case K_CACHE:
    case K_CDN:
      cache.childResponse(sim, node, c, ok, reason, version);
      break;
    case K_QUEUE:
      queue.consumerResponse(sim, node, c, ok);
      break;
  }
}

/** A call's fixed per-request wait (a database write's replication acknowledgements) is over. */
export function delayDone(sim: Simulation, node: NodeRuntime, c: number): void {
  switch (node.kindCode) {
    case K_DATABASE:
      database.replicated(sim, c);
      break;
  }
}

/** A call's service time at a worker is over (for a proxy: its overhead or lookup time). */
export function serviceDone(sim: Simulation, c: number): void {
  const node = sim.nodes[sim.pool.node[c]];
  switch (node.kindCode) {
    case K_GATEWAY:
      gateway.ownWorkDone(sim, node, c);
      break;
    case K_RATE_LIMITER:
      rateLimiter.overheadDone(sim, node, c);
      break;
    case K_LOAD_BALANCER:
      loadBalancer.overheadDone(sim, node, c);
      break;
    case K_CACHE:
    case K_CDN:
      cache.lookupDone(sim, node, c);
      break;
    case K_DATABASE:
      database.serviceDone(sim, node, c);
      break;
    case K_OBJECT_STORE:
      objectStore.serviceDone(sim, node, c);
      break;
    default:
      serving.serviceDone(sim, node, c);
  }
}
export const fillWorkers = serving.fillWorkers;
export const deliveryLost = serving.deliveryLost;

/** A backoff before a retry is over. */
export function retry(sim: Simulation, node: NodeRuntime, c: number): void {
  if (node.kindCode === K_CLIENT) client.retry(sim, node, c);
  else serving.retry(sim, node, c);
}

/** A call the node holds is given up (orphaned, or its instance failed): free what it held. */
export function abandon(sim: Simulation, node: NodeRuntime, c: number): void {
  if (node.kindCode === K_LOAD_BALANCER) loadBalancer.release(sim, c);
}

/** Events a kind schedules for itself. */
export function kindEvent(sim: Simulation, type: number, a: number, b: number): void {
  switch (type) {
    case EV_CLIENT_ARRIVAL:
      client.arrival(sim, sim.nodes[a], b);
      break;
    case EV_USER_THINK:
      client.userReady(sim, sim.nodes[a], b);
      break;
    case EV_HEALTH_CHECK:
      loadBalancer.healthCheck(sim, sim.nodes[a]);
      break;
    case EV_HEARTBEAT:
      database.heartbeat(sim, sim.nodes[a]);
      break;
    case EV_ELECTION:
      database.electionDone(sim, sim.nodes[a], b);
      break;
    case EV_REPLICATED:
      if (sim.pool.generation[a] === b && sim.pool.state[a] === S_REPLICATING) database.replicated(sim, a);
      break;
    case EV_FLUSH:
      cache.flushTimer(sim, sim.nodes[a]);
      break;
    case EV_VISIBILITY:
      if (sim.pool.generation[a] === b) queue.visibilityExpired(sim, a);
      break;
  }
}

/** Once a simulated second, before the bucket closes. */
export function tick(sim: Simulation, node: NodeRuntime): void {
  if (node.kindCode === K_QUEUE) queue.sampleOldestAge(sim, node);
}

/** Chaos `spike`: clients multiply their rate. */
export function spike(sim: Simulation, node: NodeRuntime, factor: number): void {
  if (node.kindCode === K_CLIENT) client.setSpike(sim, node, factor);
}

/** Chaos `flush`: a cache instance empties (write-back writes its dirty keys first). */
export function flushInstance(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (cachesKeys(node.kindCode)) cache.flushInstance(sim, node, instance);
}

/** An instance is about to drop what it holds (killed, removed, or reset after a hang). */
export function dropWork(sim: Simulation, node: NodeRuntime): void {
  if (node.kindCode === K_QUEUE) queue.dropAll(sim, node);
}

/** An instance crashed (after its work was dropped). */
export function instanceKilled(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (cachesKeys(node.kindCode)) cache.instanceKilled(sim, node, instance);
  if (node.kindCode === K_DATABASE) database.instanceKilled(sim, node, instance);
  if (node.kindCode === K_GATEWAY) gateway.instanceLost(sim, node, instance);
}

/**
 * Chaos `partition`: cut copies off from the rest of their shard (a whole node: each shard's
 * leader). Returns why nothing was cut, or null.
 */
export function partition(
  sim: Simulation,
  node: NodeRuntime,
  instances: readonly number[],
  wholeNode: boolean,
): string | null {
  if (node.kindCode === K_DATABASE) return database.partition(sim, node, instances, wholeNode);
  return 'only a replicated database’s copies can be partitioned';
}

/** Chaos `heal` of a node (or its copies): a partitioned database's sides merge. */
export function healPartition(sim: Simulation, node: NodeRuntime): void {
  if (node.kindCode === K_DATABASE) database.healPartition(sim, node);
}

/** A hung instance is restarted: it loses what it held in memory. */
export function instanceReset(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (cachesKeys(node.kindCode)) cache.instanceKilled(sim, node, instance);
  if (node.kindCode === K_GATEWAY) gateway.instanceLost(sim, node, instance);
}

/** An instance is up again. */
export function instanceRestarted(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (node.kindCode === K_DATABASE) database.instanceRestarted(sim, node, instance);
  if (node.upstreamQueues.length > 0) serving.pullFromQueues(sim, node, instance);
}

/** Why an edit cannot be applied live (a reset is needed), or null. */
export function liveEditRefusal(node: NodeRuntime, params: Record<string, unknown>): string | null {
  if (node.kindCode === K_DATABASE) return database.liveEditRefusal(node, params);
  return null;
}

/** A live edit changed the parameters (resolved into node.params, not yet applied). */
export function reshape(sim: Simulation, node: NodeRuntime): void {
  if (node.kindCode === K_DATABASE) database.reshapeIfChanged(sim, node);
}

/** The node's instance count changed. */
export function resized(sim: Simulation, node: NodeRuntime): void {
  if (cachesKeys(node.kindCode)) cache.resize(sim, node);
  if (node.kindCode === K_GATEWAY) gateway.sizeAuthCaches(sim, node);
}

/** Whether the node looks callers up over auth edges (it has an auth hit rate). */
export const looksUpAuth = (node: NodeRuntime): boolean =>
  node.kindCode === K_GATEWAY && gateway.looksUp(node);

/** A node's instances changed: balancers in front of it see a different set of targets. */
export const targetsChanged = loadBalancer.rebuildBalancersInFrontOf;

/** Time a service or worker spends in its own hop, for the tail analysis. */
export const startsServiceHop = (code: number): boolean => code === K_SERVICE || code === K_WORKER;

/** The kind's part of a node's run totals (cache, queue, db sections of the CLI JSON). */
export function addResults(
  node: NodeRuntime,
  counters: Float64Array,
  spanMs: number,
  result: NodeResult,
): void {
  switch (node.kindCode) {
    case K_CACHE:
    case K_CDN:
      cache.addResults(node, counters, spanMs, result);
      break;
    case K_QUEUE:
      queue.addResults(node, counters, spanMs, result);
      break;
    case K_DATABASE:
      database.addResults(node, counters, spanMs, result);
      break;
    case K_GATEWAY:
      gateway.addResults(node, counters, spanMs, result);
      break;
  }
}

/** An instance's role gauge: 1 a leader, 0 a follower, -1 for kinds without roles. */
/** The shard an instance serves (-1: the kind has no shards). */
export function instanceShard(node: NodeRuntime, instance: number): number {
  if (node.kindCode !== K_DATABASE) return -1;
  return Math.floor(instance / (node.replicasPerShard + 1));
}

export function instanceRole(node: NodeRuntime, instance: number): number {
  if (node.kindCode !== K_DATABASE) return -1;
  return node.leader[Math.floor(instance / (node.replicasPerShard + 1))] === instance ? 1 : 0;
}
