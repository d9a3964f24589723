// A network partition of a replicated database (chaos `partition`, ended by `heal`): some copies
// are cut off from the rest of their shard. Clients still reach every copy; what the copies can no
// longer do is reach each other (replication, heartbeats, quorum traffic). Each split shard has
// two sides: side 1 the copies named, side 0 the rest. `partitionMode` decides what they do (CAP):
//  - consistent: a single-leader copy serves only on the side holding a strict majority of its
//    shard's copies. A leader on the minority side refuses writes at once and steps down when its
//    lease (failoverAfter heartbeats) runs out; the majority side detects it after as long and
//    elects one of its own. Leaderless quorums count only the copies on the coordinator's side and
//    refuse what cannot reach W (writes) or R (reads) of them.
//  - available: every side keeps serving. The majority side elects a leader while the old one
//    keeps serving on its side: two leaders (split brain), each client's writes going to the
//    leader of its side (in proportion to the copies there). Leaderless writes are acknowledged by
//    the copies the coordinator can reach (sloppy quorum); the others get them on heal (hinted
//    handoff).
// While split, the ledger (partitionLedger.ts) records which side wrote each key: a key written on
// both sides is a conflict (counted when it diverges). On heal the sides merge key by key, last
// writer wins, and the overwritten acknowledged writes are lost updates (`reconciled`); the copies
// resync, and a shard with two leaders keeps the newer one.
import { EV_ELECTION, I_UP } from '../../engine/constants';
import { C_LOST_UPDATES } from '../../engine/metrics';
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { PartitionLedger } from './partitionLedger';

export const CONSISTENT = 0;
export const AVAILABLE = 1;

export const partitionModeOf = (node: NodeRuntime): number =>
  node.stringParam('partitionMode') === 'available' ? AVAILABLE : CONSISTENT;

/** Whether the shard's copies are split now. */
export const shardSplit = (node: NodeRuntime, shard: number): boolean =>
  node.partitioned && !Number.isNaN(node.partitionSinceMs[shard]);

/** Live copies of the shard on a side. */
function liveOnSide(node: NodeRuntime, shard: number, side: number): number {
  const perShard = node.replicasPerShard + 1;
  let live = 0;
  for (let r = 0; r < perShard; r++) {
    const copy = shard * perShard + r;
    if (node.instanceState[copy] === I_UP && node.partitionSide[copy] === side) live++;
  }
  return live;
}

/** Whether a side holds a strict majority of its shard's copies (live ones). */
export function hasMajority(node: NodeRuntime, shard: number, side: number): boolean {
  return 2 * liveOnSide(node, shard, side) > node.replicasPerShard + 1;
}

/** The side of a split shard that holds a majority, or -1 (neither can elect). */
export function majoritySide(node: NodeRuntime, shard: number): number {
  if (hasMajority(node, shard, 0)) return 0;
  return hasMajority(node, shard, 1) ? 1 : -1;
}

/** Sizes the partition state for the node's layout: whole, nobody cut off. */
export function resetPartitionState(node: NodeRuntime): void {
  node.partitioned = false;
  node.partitionSide = new Uint8Array(node.instanceCount);
  node.partitionSinceMs = new Float64Array(node.shards).fill(Number.NaN);
  node.partitionAckedLsn = new Float64Array(node.shards);
  node.splitLeader = new Int32Array(node.shards).fill(-1);
  node.partitionLedger = null;
}

/**
 * Cuts copies off from the rest of their shards (a node target: each shard's leader, or a
 * leaderless shard's first copy). Returns why nothing was cut, or null.
 */
export function partition(
  sim: Simulation,
  node: NodeRuntime,
  instances: readonly number[],
  wholeNode: boolean,
): string | null {
  const perShard = node.replicasPerShard + 1;
  if (perShard < 2) return 'a database with one copy per shard cannot be partitioned';
  const side = new Uint8Array(node.partitionSide);
  if (wholeNode)
    for (let s = 0; s < node.shards; s++) side[node.leader[s] >= 0 ? node.leader[s] : s * perShard] = 1;
  else for (const i of instances) side[i] = 1;
  let split = 0;
  for (let s = 0; s < node.shards; s++) {
    let cut = 0;
    for (let r = 0; r < perShard; r++) cut += side[s * perShard + r];
    if (cut > 0 && cut < perShard) split++;
  }
  if (split === 0) return 'no copy would be left on the other side';
  if (!node.partitioned) node.partitionLedger = new PartitionLedger();
  node.partitionSide = side;
  node.partitioned = true;
  node.partitionsSoFar++;
  for (let s = 0; s < node.shards; s++) {
    let cut = 0;
    for (let r = 0; r < perShard; r++) cut += side[s * perShard + r];
    if (cut > 0 && cut < perShard && Number.isNaN(node.partitionSinceMs[s])) {
      node.partitionSinceMs[s] = sim.now;
      node.partitionAckedLsn[s] = node.ackedLsn[s];
    }
  }
  return null;
}

/**
 * Heals the node's partition: the sides merge (last writer wins per key), every live copy resyncs
 * with its shard, a second leader steps back to follower. `resync(shard)` brings one shard's copies
 * up to date (the replication mode's own way).
 */
export function healPartition(sim: Simulation, node: NodeRuntime, resync: (shard: number) => void): void {
  if (!node.partitioned) return;
  const { conflicts, lostUpdates } = node.partitionLedger!.reconcile();
  node.counters[C_LOST_UPDATES] += lostUpdates;
  for (let s = 0; s < node.shards; s++) {
    if (Number.isNaN(node.partitionSinceMs[s])) continue;
    resync(s);
    node.lastBeatMs[s] = sim.now;
  }
  resetPartitionState(node);
  sim.addLog('reconciled', node.id, { conflicts, lostUpdates });
}

/**
 * A heartbeat of a split shard whose leader is up: its own side hears it; once failoverAfter beats
 * have passed since the cut, a leader without a majority gives up its lease (consistent) and the
 * other side, if it holds a majority, detects the silence and elects. Returns false when the
 * usual detection applies (no live leader).
 */
export function splitShardHeartbeat(
  sim: Simulation,
  node: NodeRuntime,
  shard: number,
  leaseMs: number,
): boolean {
  const leader = node.leader[shard];
  if (leader < 0 || node.instanceState[leader] !== I_UP) return false;
  node.lastBeatMs[shard] = sim.now;
  if (sim.now - node.partitionSinceMs[shard] < leaseMs - 1e-9) return true;
  const side = node.partitionSide[leader];
  if (node.partitionMode === CONSISTENT && !hasMajority(node, shard, side)) {
    sim.addLog('stepDown', sim.address(node, leader), { shard, by: node.id });
    node.leader[shard] = -1;
  }
  if (node.electing[shard] === 0 && node.splitLeader[shard] < 0 && hasMajority(node, shard, 1 - side)) {
    sim.addLog('detected', sim.address(node, leader), { shard, by: node.id });
    node.electing[shard] = 1;
    sim.schedule(sim.now + node.numberParam('electionMs'), EV_ELECTION, node.index, shard);
  }
  return true;
}
