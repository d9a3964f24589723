// Database: shards × (1 + replicas) instances, shard-major (shard s, replica r is instance
// s*(replicas+1)+r; r = 0 starts as leader). Each instance serves with workers and a queue like a
// service. Costs: B-tree (sql) is the baseline; LSM (nosql) reads cost ×1.5 (several sorted runs
// to consult) and writes ×0.4 (an append to the memtable and log). An unindexed read also scans
// its shard's rows (`rows` ÷ shards) at `scanRowsPerMs`; query times are exp, const or lognormal.
// Replication: a write commits at the leader with the shard's next log sequence number (LSN);
// each live follower applies it after its stream lag (streamLag.ts: drifts within the mean ±25%,
// uniform, never reordering the log), in log order, so a follower's applied LSN is a single
// number. The write is acknowledged at once (async), after the first follower (semisync) or after
// every live follower (sync). Leaderless: the key's N replicas all take the write (the
// coordinator at once, the others after a lag of the mean ±25%, uniform) and apply it per key
// (keyApplyTimes.ts: after that key's previous version only); it is acknowledged after W of them,
// a read consults R of them.
// Failover: the leader heartbeats every heartbeatMs; after `failoverAfter` missed beats it is
// declared dead (`detected`), writes are refused (`unavailable`), and after electionMs the live
// follower with the highest applied LSN is `promoted`. Acknowledged writes beyond its LSN are
// lost (`lostWrites`). A restarted old leader rejoins as a follower, resynced.
// Network partitions (chaos `partition` / `heal`, `partitionMode`): partition.ts.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import { ApplyLog } from './applyLog';
import { KeyApplyTimes } from './keyApplyTimes';
import { NO_LAG_MS, StreamLags } from './streamLag';
import {
  AVAILABLE,
  CONSISTENT,
  hasMajority,
  healPartition as healSides,
  majoritySide,
  partition as splitSides,
  partitionModeOf,
  resetPartitionState,
  shardSplit,
  splitShardHeartbeat,
} from './partition';
import type { Simulation } from '../../engine/simulation';
import { round } from '../../engine/numbers';
import type { NodeResult } from '../../engine/results';
import { HashRing, ringMovedFraction } from '../../engine/hashRing';
import { KeyNumbers } from '../../engine/collections';
import { mix32 } from '../../engine/rng';
import {
  EV_ELECTION,
  EV_HEARTBEAT,
  EV_REPLICATED,
  I_DEAD,
  I_UP,
  OP_READ,
  R_UNAVAILABLE,
  S_FREE,
  S_REPLICATING,
} from '../../engine/constants';
import {
  C_CONFLICTS,
  C_FAILOVERS,
  C_LOST_UPDATES,
  C_LOST_WRITES,
  C_REPLICATION_LAG_COUNT,
  C_REPLICATION_LAG_SUM,
  C_STALE_READS,
} from '../../engine/metrics';
import * as serving from '../common/serving';
import { rebuildBalancersInFrontOf } from '../loadBalancer/sim';

const SYNC = 0;
const SEMISYNC = 1;
const ASYNC = 2;
const LEADERLESS = 3;
/** pool.tag marker: the shard had no leader when the write arrived. */
const NO_LEADER = -2;

export const LSM_READ_COST = 1.5;
export const LSM_WRITE_COST = 0.4;

export function instanceCountOf(node: NodeRuntime): number {
  return Math.max(1, node.numberParam('shards')) * (Math.max(0, node.numberParam('replicas')) + 1);
}

export function configure(sim: Simulation, node: NodeRuntime, initial: boolean): void {
  const replication = node.stringParam('replication');
  node.replication =
    replication === 'sync'
      ? SYNC
      : replication === 'semisync'
        ? SEMISYNC
        : replication === 'leaderless'
          ? LEADERLESS
          : ASYNC;
  const readFrom = node.stringParam('readFrom');
  node.readFrom = readFrom === 'followers' ? 1 : readFrom === 'any' ? 2 : 0;
  node.partitionMode = partitionModeOf(node);
  if (!initial) return;
  node.shards = Math.max(1, node.numberParam('shards'));
  node.replicasPerShard = Math.max(0, node.numberParam('replicas'));
  const perShard = node.replicasPerShard + 1;
  node.leader = new Int32Array(node.shards);
  for (let s = 0; s < node.shards; s++) node.leader[s] = node.replication === LEADERLESS ? -1 : s * perShard;
  node.shardLsn = new Float64Array(node.shards);
  node.ackedLsn = new Float64Array(node.shards);
  node.lastBeatMs = new Float64Array(node.shards);
  node.electing = new Uint8Array(node.shards);
  if (node.replication === LEADERLESS) {
    node.keyApplyTimes = new KeyApplyTimes(sim.keySpace, perShard, node.instanceCount);
    node.applyLogs = [];
  } else {
    node.applyLogs = Array.from({ length: node.instanceCount }, () => new ApplyLog());
    node.streamLags = new StreamLags(node.instanceCount);
  }
  node.keyLsn = new KeyNumbers(sim.keySpace);
  node.shardRing =
    node.stringParam('shardBy') === 'consistentHash'
      ? new HashRing(
          Array.from({ length: node.shards }, (_, s) => s),
          100,
        )
      : null;
  resetPartitionState(node);
}

export function start(sim: Simulation, node: NodeRuntime): void {
  if (node.replication !== LEADERLESS)
    sim.schedule(node.numberParam('heartbeatMs'), EV_HEARTBEAT, node.index, 0);
}

export function meanServiceMs(node: NodeRuntime, operation: number): number {
  const lsm = node.stringParam('engine') === 'nosql';
  if (operation === OP_READ) {
    const readMs = node.numberParam('readTimeMs') * (lsm ? LSM_READ_COST : 1);
    if (node.booleanParam('indexed')) return readMs;
    // A shard holds (and scans) only its own part of the table.
    const rowsPerShard = node.numberParam('rows') / Math.max(1, node.numberParam('shards'));
    return readMs + rowsPerShard / Math.max(1, node.numberParam('scanRowsPerMs'));
  }
  return node.numberParam('writeTimeMs') * (lsm ? LSM_WRITE_COST : 1);
}

export function shardOf(node: NodeRuntime, key: number): number {
  if (node.shards === 1) return 0;
  return node.shardRing ? node.shardRing.ownerOf(key) : mix32(key) % node.shards;
}

/** The key's N replicas (leaderless): N consecutive instances of its shard from a hashed start. */
function replicaOf(node: NodeRuntime, key: number, shard: number, k: number): number {
  const perShard = node.replicasPerShard + 1;
  return shard * perShard + ((mix32(key ^ 0x5bd1e995) + k) % perShard);
}
function quorumN(node: NodeRuntime): number {
  return Math.min(node.numberParam('quorumN'), node.replicasPerShard + 1);
}

/** Picks the instance for a call when it arrives (a database client knows the shard map). */
export function route(sim: Simulation, node: NodeRuntime, c: number): number {
  const pool = sim.pool;
  const key = pool.key[c];
  const shard = shardOf(node, key);
  const perShard = node.replicasPerShard + 1;
  const base = shard * perShard;
  pool.tag[c] = shard;
  if (node.replication === LEADERLESS) {
    // Any live copy of the key may coordinate (Dynamo-style): pick one at random.
    const n = quorumN(node);
    const start = node.rng.below(n);
    for (let k = 0; k < n; k++) {
      const replica = replicaOf(node, key, shard, (start + k) % n);
      if (node.instanceState[replica] === I_UP) return replica;
    }
    return replicaOf(node, key, shard, start);
  }
  let leader = node.leader[shard];
  // Split brain: a client reaches the leader of its side (sides in proportion to their copies).
  const second = node.partitioned ? node.splitLeader[shard] : -1;
  if (second >= 0 && node.rng.below(perShard) < copiesOnSideOf(node, shard, second)) leader = second;
  if (pool.operation[c] !== OP_READ || node.readFrom === 0 || perShard === 1) {
    if (leader < 0) {
      pool.tag[c] = NO_LEADER;
      return base;
    }
    return leader;
  }
  // Reads spread round-robin over followers (or over every copy with readFrom=any).
  node.roundRobin++;
  if (node.readFrom === 2) return base + (node.roundRobin % perShard);
  const followers = leader >= 0 ? perShard - 1 : perShard;
  let pick = node.roundRobin % followers;
  if (leader >= 0 && base + pick >= leader) pick++;
  return base + pick;
}

/** Copies of a shard on the same side of its partition as `copy`. */
function copiesOnSideOf(node: NodeRuntime, shard: number, copy: number): number {
  const perShard = node.replicasPerShard + 1;
  let count = 0;
  for (let r = 0; r < perShard; r++)
    if (node.partitionSide[shard * perShard + r] === node.partitionSide[copy]) count++;
  return count;
}

/** Consistent mode: a single-leader copy cut off from its shard's majority serves nothing. */
function cutOffFromMajority(node: NodeRuntime, instance: number): boolean {
  if (!node.partitioned || node.partitionMode !== CONSISTENT || node.replication === LEADERLESS) return false;
  const shard = Math.floor(instance / (node.replicasPerShard + 1));
  return shardSplit(node, shard) && !hasMajority(node, shard, node.partitionSide[instance]);
}

export function arrive(sim: Simulation, node: NodeRuntime, c: number): void {
  if (sim.pool.tag[c] === NO_LEADER || cutOffFromMajority(node, sim.pool.instance[c])) {
    // No leader (the shard refuses writes), or a copy on the minority side of a partition.
    sim.finishCall(c, false, R_UNAVAILABLE, true);
    return;
  }
  serving.arrive(sim, node, c);
}

/**
 * A leaderless copy's delay for one write: the mean lag ±25% (uniform, independent per copy and
 * write: copies apply per key, so one write's delay holds back only that key's later versions).
 */
function leaderlessLagMs(node: NodeRuntime): number {
  const meanMs = node.replicationLagMs;
  return meanMs > NO_LAG_MS ? meanMs * (0.75 + 0.5 * node.rng.next()) : 0;
}

/** Sends a committed write down a follower's replication stream; returns when it is applied there. */
function replicateTo(sim: Simulation, node: NodeRuntime, instance: number, lsn: number): number {
  const log = node.applyLogs[instance];
  log.advance(sim.now); // keeps the log to the writes still in flight
  const lagMs = node.streamLags!.lagMs(instance, sim.now, node.replicationLagMs, node.rng);
  // The stream lag never falls faster than time passes, so the log order holds by itself; the
  // max only guards a log reset (resync) at this very instant.
  const applyMs = Math.max(log.lastApplyMs, sim.now + lagMs);
  log.push(applyMs, lsn);
  node.counters[C_REPLICATION_LAG_SUM] += applyMs - sim.now;
  node.counters[C_REPLICATION_LAG_COUNT]++;
  return applyMs;
}

/** Apply times of one leaderless write on its copies (N ≤ 17), sorted to find the W-th. */
const copyApplyMs = new Float64Array(18); // N ≤ 17 replicas and a coordinator placed by a balancer

export function serviceDone(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  const i = pool.instance[c];
  const key = pool.key[c];
  const perShard = node.replicasPerShard + 1;
  const shard = Math.floor(i / perShard);
  serving.releaseWorker(sim, node, c); // replication waits do not hold a worker
  if (node.replication === LEADERLESS) {
    leaderlessDone(sim, node, c, shard);
    return;
  }
  const split = shardSplit(node, shard);
  if (split && cutOffFromMajority(node, i)) {
    sim.finishCall(c, false, R_UNAVAILABLE, true); // partitioned while it waited
    return;
  }
  if (pool.operation[c] === OP_READ) {
    const latest = sim.versions.get(key);
    let stale = node.leader[shard] !== i && node.keyLsn.get(key) > node.applyLogs[i].advance(sim.now);
    // Split: the key's newest acknowledged write was made on the other side.
    if (split && !stale) {
      const newest = node.partitionLedger!.newestAcknowledgedSide(key);
      stale = newest >= 0 && newest !== node.partitionSide[i];
    }
    if (stale) node.counters[C_STALE_READS]++;
    pool.version[c] = stale ? latest - 1 : latest;
    sim.finishCall(c, true, 0, false);
    return;
  }
  if (node.leader[shard] !== i && !(split && node.splitLeader[shard] === i)) {
    sim.finishCall(c, false, R_UNAVAILABLE, true); // deposed while the write waited
    return;
  }
  const lsn = ++node.shardLsn[shard];
  node.applyLogs[i].reset(lsn, sim.now);
  pool.version[c] = sim.versions.increment(key);
  pool.aux[c] = lsn;
  if (split && node.partitionLedger!.commit(key, node.partitionSide[i], sim.now))
    node.counters[C_CONFLICTS]++;
  let first = Infinity;
  let last = sim.now;
  for (let r = 0; r < perShard; r++) {
    const follower = shard * perShard + r;
    if (follower === i || node.instanceState[follower] !== I_UP) continue;
    if (split && node.partitionSide[follower] !== node.partitionSide[i]) continue; // cut off
    const applyMs = replicateTo(sim, node, follower, lsn);
    if (applyMs < first) first = applyMs;
    if (applyMs > last) last = applyMs;
  }
  const ackMs =
    node.replication === SYNC ? last : node.replication === SEMISYNC && first !== Infinity ? first : sim.now;
  if (ackMs > sim.now) {
    pool.state[c] = S_REPLICATING;
    sim.schedule(ackMs, EV_REPLICATED, c, pool.generation[c]);
  } else replicated(sim, c);
}

/** The write has the acknowledgements it waits for. */
export function replicated(sim: Simulation, c: number): void {
  const pool = sim.pool;
  const node = sim.nodes[pool.node[c]];
  const shard = pool.tag[c];
  const lsn = pool.aux[c];
  if (shard >= 0 && lsn > node.ackedLsn[shard]) node.ackedLsn[shard] = lsn;
  // A read is stale when it misses the key's latest acknowledged write (one still in progress
  // may or may not be seen).
  const key = pool.key[c];
  if (lsn > node.keyLsn.get(key)) node.keyLsn.set(key, lsn);
  if (shard >= 0 && shardSplit(node, shard))
    node.partitionLedger!.acknowledge(key, node.partitionSide[pool.instance[c]], lsn);
  sim.finishCall(c, true, 0, false);
}

function leaderlessDone(sim: Simulation, node: NodeRuntime, c: number, shard: number): void {
  const pool = sim.pool;
  const times = node.keyApplyTimes!;
  const key = pool.key[c];
  const n = quorumN(node);
  const i = pool.instance[c];
  // Split: only the copies on the coordinator's side can be reached.
  const split = shardSplit(node, shard);
  const side = split ? node.partitionSide[i] : 0;
  let alive = 0;
  for (let k = 0; k < n; k++) {
    const replica = replicaOf(node, key, shard, k);
    if (node.instanceState[replica] === I_UP && (!split || node.partitionSide[replica] === side)) alive++;
  }
  // Available: a sloppy quorum, acknowledged by the copies it can reach.
  const sloppy = split && node.partitionMode === AVAILABLE;
  if (pool.operation[c] === OP_READ) {
    let r = Math.min(node.numberParam('quorumR'), n);
    if (sloppy && alive > 0) r = Math.min(r, alive);
    if (alive < r) {
      sim.finishCall(c, false, R_UNAVAILABLE, true);
      return;
    }
    // Consult R live copies, starting with the coordinator; the newest answer wins.
    const needLsn = node.keyLsn.get(key);
    let first = 0;
    while (first < n && replicaOf(node, key, shard, first) !== i) first++;
    let consulted = 0;
    let fresh = false;
    for (let k = 0; k < n && consulted < r; k++) {
      const replica = replicaOf(node, key, shard, (first + k) % n);
      if (node.instanceState[replica] !== I_UP || (split && node.partitionSide[replica] !== side)) continue;
      consulted++;
      if (times.appliedLsn(key, replica, sim.now) >= needLsn) fresh = true;
    }
    const latest = sim.versions.get(key);
    if (!fresh) node.counters[C_STALE_READS]++;
    pool.version[c] = fresh ? latest : latest - 1;
    sim.finishCall(c, true, 0, false);
    return;
  }
  let w = Math.min(node.numberParam('quorumW'), n);
  if (sloppy && alive > 0) w = Math.min(w, alive);
  if (alive < w) {
    sim.finishCall(c, false, R_UNAVAILABLE, true);
    return;
  }
  const lsn = ++node.shardLsn[shard];
  pool.version[c] = sim.versions.increment(key);
  pool.aux[c] = lsn;
  if (split && node.partitionLedger!.commit(key, side, sim.now)) node.counters[C_CONFLICTS]++;
  // The coordinator applies it at once (after this key's previous version only), the other live
  // copies after their lag; acknowledged when the W-th copy has applied it.
  copyApplyMs[0] = times.send(key, i, lsn, sim.now, sim.now);
  let copies = 1;
  for (let k = 0; k < n; k++) {
    const replica = replicaOf(node, key, shard, k);
    if (replica === i || node.instanceState[replica] !== I_UP) continue;
    if (split && node.partitionSide[replica] !== side) continue; // handed off when the partition heals
    const applyMs = times.send(key, replica, lsn, sim.now + leaderlessLagMs(node), sim.now);
    node.counters[C_REPLICATION_LAG_SUM] += applyMs - sim.now;
    node.counters[C_REPLICATION_LAG_COUNT]++;
    // Insertion sort: N is small.
    let j = copies++;
    while (j > 0 && copyApplyMs[j - 1] > applyMs) {
      copyApplyMs[j] = copyApplyMs[j - 1];
      j--;
    }
    copyApplyMs[j] = applyMs;
  }
  const ackMs = copyApplyMs[w - 1];
  if (ackMs > sim.now) {
    pool.state[c] = S_REPLICATING;
    sim.schedule(ackMs, EV_REPLICATED, c, pool.generation[c]);
  } else replicated(sim, c);
}

export function heartbeat(sim: Simulation, node: NodeRuntime): void {
  const heartbeatMs = node.numberParam('heartbeatMs');
  const missedBeats = node.numberParam('failoverAfter');
  for (let s = 0; s < node.shards; s++) {
    if (shardSplit(node, s) && splitShardHeartbeat(sim, node, s, missedBeats * heartbeatMs)) continue;
    const leader = node.leader[s];
    if (leader >= 0 && node.instanceState[leader] === I_UP) node.lastBeatMs[s] = sim.now;
    else if (node.electing[s] === 0) {
      if (leader >= 0 && sim.now - node.lastBeatMs[s] < missedBeats * heartbeatMs - 1e-9) continue;
      if (leader >= 0) {
        sim.addLog('detected', sim.address(node, leader), { shard: s, by: node.id });
        node.leader[s] = -1;
      }
      node.electing[s] = 1;
      sim.schedule(sim.now + node.numberParam('electionMs'), EV_ELECTION, node.index, s);
    }
  }
  sim.schedule(sim.now + heartbeatMs, EV_HEARTBEAT, node.index, 0);
}

export function electionDone(sim: Simulation, node: NodeRuntime, shard: number): void {
  node.electing[shard] = 0;
  const old = node.leader[shard];
  // Split: only a side holding a majority elects; with the old leader still serving on the other
  // side (available), that makes two leaders.
  const split = shardSplit(node, shard);
  const side = split ? majoritySide(node, shard) : -1;
  if (split && side < 0) return; // no side can elect: the next heartbeat tries again
  if (old >= 0 && (!split || node.partitionSide[old] === side || node.instanceState[old] !== I_UP)) return;
  const perShard = node.replicasPerShard + 1;
  let best = -1;
  let bestLsn = -1;
  for (let r = 0; r < perShard; r++) {
    const candidate = shard * perShard + r;
    if (node.instanceState[candidate] !== I_UP) continue;
    if (split && node.partitionSide[candidate] !== side) continue;
    const applied = node.applyLogs[candidate].advance(sim.now);
    if (applied > bestLsn) {
      best = candidate;
      bestLsn = applied;
    }
  }
  if (best < 0) return; // nobody to promote: the next heartbeat tries again
  // Acknowledged writes the new leader lacks are lost — in a split, those acknowledged before the
  // cut, unless the old leader keeps them on its side to merge on heal (available).
  const acked = split ? (old >= 0 ? 0 : node.partitionAckedLsn[shard]) : node.ackedLsn[shard];
  const lost = Math.max(0, Math.min(node.shardLsn[shard], acked) - bestLsn);
  node.leader[shard] = best;
  node.lastBeatMs[shard] = sim.now;
  node.counters[C_FAILOVERS]++;
  sim.addLog('promoted', sim.address(node, best), { shard, appliedLsn: bestLsn });
  if (old >= 0) {
    node.splitLeader[shard] = old;
    sim.addLog('splitBrain', node.id, {
      shard,
      leaders: `${sim.address(node, old)} ${sim.address(node, best)}`,
    });
  }
  if (lost > 0) {
    node.counters[C_LOST_WRITES] += lost;
    sim.addLog('lostWrites', node.id, { count: lost, shard });
  }
  // The new leader's log is the truth from here on: every live copy (on its side) resyncs to it.
  if (node.ackedLsn[shard] > node.shardLsn[shard]) node.ackedLsn[shard] = node.shardLsn[shard];
  for (let r = 0; r < perShard; r++) {
    const copy = shard * perShard + r;
    if (split && node.partitionSide[copy] !== side) continue;
    if (node.instanceState[copy] === I_UP) node.applyLogs[copy].reset(node.shardLsn[shard], sim.now);
  }
}

/** Chaos `partition` on this database: see partition.ts. */
export function partition(
  sim: Simulation,
  node: NodeRuntime,
  instances: readonly number[],
  wholeNode: boolean,
): string | null {
  return splitSides(sim, node, instances, wholeNode);
}

/** Chaos `heal` on this database: the sides merge and every live copy resyncs with its shard. */
export function healPartition(sim: Simulation, node: NodeRuntime): void {
  const perShard = node.replicasPerShard + 1;
  healSides(sim, node, (shard) => {
    for (let r = 0; r < perShard; r++) {
      const copy = shard * perShard + r;
      if (node.instanceState[copy] !== I_UP) continue;
      if (node.replication === LEADERLESS) node.keyApplyTimes!.resync(copy, node.shardLsn[shard]);
      else node.applyLogs[copy].reset(node.shardLsn[shard], sim.now);
    }
    // Two leaders: the newer (elected on the majority side) stays; the old one follows it.
    node.splitLeader[shard] = -1;
  });
}

/** Users sampled when measuring how many keys moved under modulo sharding. */
const MOVED_SAMPLE_KEYS = 65_536;

/**
 * The shard/replica layout changes while running (Simulation.reshapeDatabase moves the
 * per-instance state; this moves the replication state). newIndexOf: old instance → new, or -1.
 */
export function reshape(
  sim: Simulation,
  node: NodeRuntime,
  shards: number,
  replicas: number,
  newIndexOf: Int32Array,
): void {
  const perShard = replicas + 1;
  const count = shards * perShard;
  const oldShards = node.shards;
  const leaderless = node.replication === LEADERLESS;
  const applyLogs: ApplyLog[] = [];
  if (!leaderless) {
    for (let j = 0; j < count; j++) applyLogs.push(new ApplyLog());
    for (let i = 0; i < newIndexOf.length; i++)
      if (newIndexOf[i] >= 0) applyLogs[newIndexOf[i]] = node.applyLogs[i];
    node.streamLags = node.streamLags!.remap(count, newIndexOf);
  }
  const leader = new Int32Array(shards);
  const grow = (old: Float64Array, fill: number) => {
    const next = new Float64Array(shards).fill(fill);
    next.set(old.subarray(0, Math.min(shards, old.length)));
    return next;
  };
  node.shardLsn = grow(node.shardLsn, 0);
  node.ackedLsn = grow(node.ackedLsn, 0);
  node.lastBeatMs = grow(node.lastBeatMs, sim.now);
  const electing = new Uint8Array(shards);
  electing.set(node.electing.subarray(0, Math.min(shards, node.electing.length)));
  node.electing = electing;
  for (let s = 0; s < shards; s++) {
    if (node.replication === LEADERLESS) leader[s] = -1;
    else if (s < oldShards) {
      const old = node.leader[s];
      leader[s] = old >= 0 ? newIndexOf[old] : -1; // a removed leader: elected anew, as after a crash
    } else leader[s] = s * perShard; // a new, empty shard
    // New copies start in sync with their shard.
    if (!leaderless)
      for (let r = 0; r < perShard; r++) {
        const j = s * perShard + r;
        if (!node.applyLogs.includes(applyLogs[j])) applyLogs[j].reset(node.shardLsn[s], sim.now);
      }
  }
  if (leaderless) {
    // A key's copies are laid out anew: every copy starts in sync with its shard.
    node.keyApplyTimes = new KeyApplyTimes(sim.keySpace, perShard, count);
    for (let j = 0; j < count; j++) node.keyApplyTimes.resync(j, node.shardLsn[Math.floor(j / perShard)]);
  }
  node.leader = leader;
  node.applyLogs = applyLogs;
  node.replicasPerShard = replicas;
  node.shards = shards;
  if (shards !== oldShards) {
    const oldRing = node.shardRing;
    node.shardRing =
      node.stringParam('shardBy') === 'consistentHash'
        ? new HashRing(
            Array.from({ length: shards }, (_, s) => s),
            100,
          )
        : null;
    let moved: number;
    if (oldRing && node.shardRing) moved = ringMovedFraction(oldRing, node.shardRing);
    else {
      const keys = Math.min(sim.keySpace, MOVED_SAMPLE_KEYS);
      let count = 0;
      for (let k = 0; k < keys; k++) {
        const key = Math.floor((k * sim.keySpace) / keys);
        if (mix32(key) % oldShards !== mix32(key) % shards) count++;
      }
      moved = count / keys;
    }
    // Log positions are per shard: after keys move, the copies' positions say nothing about them.
    node.keyLsn = new KeyNumbers(sim.keySpace);
    sim.addLog('rebalance', node.id, { movedFraction: Math.round(moved * 1e6) / 1e6, shards });
  }
}

export function instanceKilled(sim: Simulation, node: NodeRuntime, instance: number): void {
  // Leaderless: a dead copy is not consulted, and it resyncs when it comes back.
  if (node.replication === LEADERLESS) return;
  const log = node.applyLogs[instance];
  if (log) log.reset(log.advance(sim.now), sim.now); // writes not yet applied die with it
  const perShard = node.replicasPerShard + 1;
  const shard = Math.floor(instance / perShard);
  if (node.leader[shard] === instance) {
    // The replication stream stops with the leader: followers keep only what they applied.
    for (let r = 0; r < perShard; r++) {
      const follower = node.applyLogs[shard * perShard + r];
      if (follower && shard * perShard + r !== instance) follower.reset(follower.advance(sim.now), sim.now);
    }
  }
}

export function instanceRestarted(sim: Simulation, node: NodeRuntime, instance: number): void {
  const perShard = node.replicasPerShard + 1;
  const shard = Math.floor(instance / perShard);
  if (node.leader[shard] === instance) {
    // Not replaced while it was away (a hang shorter than detection, or no follower to promote).
    node.lastBeatMs[shard] = sim.now;
    sim.addLog('recovered', sim.address(node, instance), { role: 'leader', shard, by: node.id });
    return;
  }
  // Back as a follower, caught up from the current leader (catch-up is immediate: a resync),
  // so it serves again from now on: the counterpart of the 'detected' entry when it went down.
  if (node.replication === LEADERLESS) node.keyApplyTimes!.resync(instance, node.shardLsn[shard]);
  else node.applyLogs[instance]?.reset(node.shardLsn[shard], sim.now);
  sim.addLog('recovered', sim.address(node, instance), { role: 'follower', shard, by: node.id });
}

/** Why an edit cannot be applied live, or null. */
export function liveEditRefusal(node: NodeRuntime, params: Record<string, unknown>): string | null {
  if ('replication' in params && params.replication !== node.params.replication)
    return 'Changing the replication mode changes how every copy is kept: reset the run to apply it.';
  return null;
}

/** A live edit of shards or replicas re-lays the instances (node.params already resolved). */
export function reshapeIfChanged(sim: Simulation, node: NodeRuntime): void {
  const shards = Math.max(1, node.numberParam('shards'));
  const replicas = Math.max(0, node.numberParam('replicas'));
  if (shards !== node.shards || replicas !== node.replicasPerShard) {
    healPartition(sim, node); // a new layout starts whole
    reshapeTo(sim, node, shards, replicas);
  }
}

/**
 * More or fewer shards or replicas while running. Copy (s, r) keeps its place in the shard-major
 * layout and everything it holds; removed copies fail what they held; a new follower starts in
 * sync with its leader; a removed leader is replaced by election as after a crash. New shards
 * start empty and keys move between shards (modulo or consistent hashing: `rebalance` logs the
 * fraction of keys that moved).
 */
function reshapeTo(sim: Simulation, node: NodeRuntime, shards: number, replicas: number): void {
  const oldPerShard = node.replicasPerShard + 1;
  const perShard = replicas + 1;
  const newIndexOf = new Int32Array(node.instanceCount).fill(-1);
  for (let i = 0; i < node.instanceCount; i++) {
    const s = Math.floor(i / oldPerShard);
    const r = i % oldPerShard;
    if (s < shards && r < perShard) newIndexOf[i] = s * perShard + r;
  }
  for (let i = 0; i < node.instanceCount; i++)
    if (newIndexOf[i] < 0 && node.instanceState[i] !== I_DEAD) {
      sim.dropInstanceWork(node, i);
      instanceKilled(sim, node, i); // a removed leader's stream stops, as in a crash
    }
  // Calls placed on an instance (queued, in service, replicating, or sent there by a balancer).
  const pool = sim.pool;
  for (let c = 0; c < pool.highWater; c++) {
    if (pool.state[c] === S_FREE || pool.node[c] !== node.index) continue;
    const i = pool.instance[c];
    if (i >= 0 && i < newIndexOf.length) pool.instance[c] = newIndexOf[i];
  }
  reshape(sim, node, shards, replicas, newIndexOf);
  node.remapInstances(shards * perShard, newIndexOf);
  resetPartitionState(node);
  sim.layoutVersion++;
  rebuildBalancersInFrontOf(sim, node);
}

/** Its part of the run totals (`results()`): counters since warm-up. */
export function addResults(node: NodeRuntime, c: Float64Array, spanMs: number, result: NodeResult): void {
  result.db = {
    lostWrites: c[C_LOST_WRITES],
    staleReads: c[C_STALE_READS],
    replicationLagMsMean: round(
      c[C_REPLICATION_LAG_COUNT] > 0 ? c[C_REPLICATION_LAG_SUM] / c[C_REPLICATION_LAG_COUNT] : 0,
      4,
    ),
    failovers: c[C_FAILOVERS],
  };
  // Only once partitioned: the JSON of a run without a partition stays as it was.
  if (node.partitionsSoFar > 0) {
    result.db.conflicts = c[C_CONFLICTS];
    result.db.lostUpdates = c[C_LOST_UPDATES];
  }
}
