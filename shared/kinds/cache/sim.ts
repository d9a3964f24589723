// Cache and CDN, drawn in the request path (service → cache → origin). Keys are spread over
// instances by consistent hashing. Each lookup takes `hitTimeMs` of one of the instance's
// `workers` (queueing for one: the serving model, ../common/serving.ts). After it: a read hit answers; a miss fetches from the
// origin (the matching outgoing edge) and fills. Writes: writeThrough writes the origin then the
// cache; writeBack marks the entry dirty, answers at once and flushes dirty keys every
// writeBackFlushMs (or when evicted); cacheAside/readThrough write the origin and invalidate.
// A killed instance loses its contents (dirty ones are lost writes) and comes back cold; while it
// is down its keys' requests fall through to the origin (a cache client treats a refused
// connection as a miss), so the origin takes the load the cache was taking.
// TTL: an entry expires `ttlMs` after its fill (hits do not extend it), eagerly: expired entries
// are purged before every lookup and fill (cacheStore.ts), so they never hold capacity a live
// entry needs; a dirty write-back entry that expires is written back first.
// Stale reads: an entry keeps the version it was filled with; serving it when the key's latest
// committed version is newer counts a stale read.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { round } from '../../engine/numbers';
import type { NodeResult } from '../../engine/results';
import { HashRing } from '../../engine/hashRing';
import { CacheStore, type EvictionPolicy } from './cacheStore';
import * as serving from '../common/serving';
import { EV_FLUSH, I_UP, OP_READ, OP_WRITE, R_UNAVAILABLE, S_DOWNSTREAM } from '../../engine/constants';
import { C_HITS, C_LOST_WRITES, C_MISSES, C_STALE_READS } from '../../engine/metrics';

export const MODE_CACHE_ASIDE = 0;
export const MODE_READ_THROUGH = 1;
export const MODE_WRITE_THROUGH = 2;
export const MODE_WRITE_BACK = 3;
const MODES = ['cacheAside', 'readThrough', 'writeThrough', 'writeBack'];
/** Points per instance on the key ring (caches have no virtualNodes parameter). */
const CACHE_VIRTUAL_NODES = 100;

export function configure(sim: Simulation, node: NodeRuntime): void {
  node.cacheMode = Math.max(0, MODES.indexOf(node.stringParam('mode')));
  const ttlChanged = node.ttlMs !== node.numberParam('ttlMs');
  node.ttlMs = node.numberParam('ttlMs');
  const capacity = Math.max(1, node.numberParam('capacity'));
  const policy = node.stringParam('eviction') as EvictionPolicy;
  for (let i = 0; i < node.instanceCount; i++) {
    const store = node.stores[i];
    if (!store || store.policy !== policy) {
      if (store) lose(sim, node, i, store.clear());
      node.stores[i] = new CacheStore(capacity, policy, sim.keySpace);
    } else {
      if (store.capacity !== capacity) store.resize(capacity, node.rng);
      if (ttlChanged) store.sortExpiries();
    }
  }
  resize(sim, node);
}

/** Matches stores and the key ring to the instance count (after a hot edit). */
export function resize(sim: Simulation, node: NodeRuntime): void {
  const capacity = Math.max(1, node.numberParam('capacity'));
  const policy = node.stringParam('eviction') as EvictionPolicy;
  for (let i = node.instanceCount; i < node.stores.length; i++) lose(sim, node, i, node.stores[i].clear());
  node.stores.length = Math.min(node.stores.length, node.instanceCount);
  while (node.stores.length < node.instanceCount)
    node.stores.push(new CacheStore(capacity, policy, sim.keySpace));
  if (!node.ring || node.ring.size !== node.instanceCount * CACHE_VIRTUAL_NODES)
    node.ring = new HashRing(
      Array.from({ length: node.instanceCount }, (_, i) => i),
      CACHE_VIRTUAL_NODES,
    );
}

export function instanceForKey(node: NodeRuntime, key: number): number {
  return node.instanceCount === 1 ? 0 : node.ring!.ownerOf(key);
}

export const arrive = serving.arrive;

/** The lookup time is over: answer or go to the origin (unless the caller left meanwhile). */
export function lookupDone(sim: Simulation, node: NodeRuntime, c: number): void {
  if (serving.ownWorkDone(sim, node, c)) lookup(sim, node, c);
}

function expiry(sim: Simulation, node: NodeRuntime): number {
  return sim.now + node.ttlMs;
}

/** Eager TTL: drops the instance's expired entries now, writing dirty ones back. */
function expire(sim: Simulation, node: NodeRuntime, instance: number): CacheStore {
  const store = node.stores[instance];
  store.purgeExpired(sim.now);
  for (const key of store.expiredDirtyKeys) sendFlushWrite(sim, node, instance, key);
  return store;
}

/** After the lookup time: answer, or go to the origin. */
function lookup(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const store = expire(sim, node, pool.instance[c]);
  const key = pool.key[c];
  if (pool.operation[c] === OP_READ) {
    const slot = store.lookup(key, sim.now);
    if (slot >= 0) {
      node.counters[C_HITS]++;
      const version = store.version[slot];
      if (version < sim.versions.get(key)) node.counters[C_STALE_READS]++;
      pool.version[c] = version;
      sim.finishCall(c, true, 0, false);
      return;
    }
    node.counters[C_MISSES]++;
    toOrigin(sim, node, c);
    return;
  }
  if (node.cacheMode === MODE_WRITE_BACK) {
    const version =
      Math.max(sim.versions.get(key), store.find(key) >= 0 ? store.version[store.find(key)] : 0) + 1;
    store.insert(key, version, expiry(sim, node), true, node.rng);
    if (store.evictedKey >= 0) sendFlushWrite(sim, node, pool.instance[c], store.evictedKey);
    pool.version[c] = version;
    sim.finishCall(c, true, 0, false);
    return;
  }
  toOrigin(sim, node, c);
}

/** The key's instance is down: straight to the origin, a miss that fills nothing. */
export function bypass(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  pool.serviceMs[c] = 0;
  pool.startMs[c] = sim.now; // no worker, no wait: the whole visit is the origin's
  const operation = pool.operation[c];
  if (operation === OP_READ) node.counters[C_MISSES]++;
  const e = sim.pickWeighted(node, sim.matchingEdges(node, operation), sim.matchingWeights(node, operation));
  if (e < 0) {
    // The cache was the store of record: its data is gone with it.
    sim.finishCall(c, false, R_UNAVAILABLE, true);
    return;
  }
  pool.state[c] = S_DOWNSTREAM;
  sim.sendCall(c, e, -1, false);
}

function toOrigin(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const operation = pool.operation[c];
  const e = sim.pickWeighted(node, sim.matchingEdges(node, operation), sim.matchingWeights(node, operation));
  if (e < 0) {
    // No origin drawn: the cache is the store of record.
    const key = pool.key[c];
    const version = operation === OP_READ ? sim.versions.get(key) : sim.versions.increment(key);
    fill(sim, node, c, version);
    sim.finishCall(c, true, 0, false);
    return;
  }
  pool.state[c] = S_DOWNSTREAM;
  sim.sendCall(c, e, -1, false);
}

function fill(sim: Simulation, node: NodeRuntime, c: number, version: number): void {
  const pool = sim.pool;
  const i = pool.instance[c];
  const store = expire(sim, node, i);
  const key = pool.key[c];
  if (pool.operation[c] === OP_READ || node.cacheMode === MODE_WRITE_THROUGH) {
    store.insert(key, version, expiry(sim, node), false, node.rng);
    if (store.evictedKey >= 0) sendFlushWrite(sim, node, i, store.evictedKey);
  } else store.remove(key);
  pool.version[c] = version;
}

export function childResponse(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  ok: boolean,
  reason: number,
  version: number,
): void {
  if (!ok) {
    sim.finishCall(c, false, reason, false);
    return;
  }
  // A request that fell through a dead instance fills nothing (nor one whose instance died
  // while the origin answered: it comes back cold).
  if (node.instanceState[sim.pool.instance[c]] === I_UP) fill(sim, node, c, version);
  else sim.pool.version[c] = version;
  sim.finishCall(c, true, 0, false);
}

/** Writes one dirty key back to the origin (fire and forget). */
function sendFlushWrite(sim: Simulation, node: NodeRuntime, instance: number, key: number): void {
  const edges = sim.matchingEdges(node, OP_WRITE);
  const e = sim.pickWeighted(node, edges, sim.matchingWeights(node, OP_WRITE));
  if (e < 0) {
    sim.versions.increment(key);
    return;
  }
  const carrier = sim.newCall(node.index, instance, OP_WRITE, key, 0);
  sim.sendCall(carrier, e, -1, true);
  sim.pool.release(carrier);
}

function flushDirty(sim: Simulation, node: NodeRuntime, instance: number): void {
  const store = node.stores[instance];
  const dirty = store.dirtySlots;
  while (dirty.length > 0) {
    const slot = dirty.shift();
    if (store.dirty[slot] !== 1) continue;
    store.markClean(slot);
    sendFlushWrite(sim, node, instance, store.key[slot]);
  }
}

export function flushTimer(sim: Simulation, node: NodeRuntime): void {
  if (node.cacheMode !== MODE_WRITE_BACK) return;
  for (let i = 0; i < node.instanceCount; i++) if (node.instanceState[i] === I_UP) flushDirty(sim, node, i);
  sim.schedule(sim.now + node.numberParam('writeBackFlushMs'), EV_FLUSH, node.index, 0);
}

function lose(sim: Simulation, node: NodeRuntime, instance: number, lostDirty: number): void {
  if (lostDirty <= 0) return;
  node.counters[C_LOST_WRITES] += lostDirty;
  sim.addLog('lostWrites', sim.address(node, instance), { count: lostDirty });
}

/** A crash: contents gone, dirty write-back entries lost; it comes back cold. */
export function instanceKilled(sim: Simulation, node: NodeRuntime, instance: number): void {
  const store = node.stores[instance];
  if (store) lose(sim, node, instance, store.clear());
}

/** Chaos `flush`: dirty entries are written back first, then the instance is emptied. */
export function flushInstance(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (node.instanceState[instance] === I_UP) flushDirty(sim, node, instance);
  node.stores[instance]?.clear();
}

/** Its part of the run totals (`results()`): counters since warm-up. */
export function addResults(node: NodeRuntime, c: Float64Array, spanMs: number, result: NodeResult): void {
  const lookups = c[C_HITS] + c[C_MISSES];
  result.cache = {
    hits: c[C_HITS],
    misses: c[C_MISSES],
    hitRate: round(lookups > 0 ? c[C_HITS] / lookups : 0, 6),
    staleReads: c[C_STALE_READS],
  };
}
