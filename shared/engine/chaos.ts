// Chaos: kill, hang, restart, slow, spike, flush, cut and heal, partition — resolved against a
// node, an instance address `nodeId:i`, a list of one node's addresses ("db:1,db:2": a side of a
// partition) or an edge, applied in event order, reverted after a duration.
// What a kind does when one of its instances dies or comes back is its own (kinds.instanceKilled…).
import type { ChaosAction } from '../document/types';
import * as kinds from '../kinds/dispatch';
import { finishCall, orphan } from './calls';
import {
  EV_CHAOS,
  I_DEAD,
  I_HUNG,
  I_UP,
  R_UNAVAILABLE,
  S_FREE,
  S_LOST,
  S_RESPONDING,
  S_TRANSIT,
} from './constants';
import type { NodeRuntime } from './nodeRuntime';
import { addLog, changeBusy, changeQueued } from './observation';
import { schedule } from './scheduling';
import type { Simulation } from './simulation';

export interface ChaosCommand {
  action: ChaosAction;
  /** A node id, an instance address `nodeId:i`, or an edge id. */
  target: string;
  factor?: number;
  durationS?: number;
}

export interface PendingChaos extends ChaosCommand {
  /** A revert scheduled by a chaos command with a duration (restart after kill, heal after cut…). */
  revert?: boolean;
}

/** Schedules a chaos command at a sim time (scenario events; live chaos uses now). */
export function chaosAt(sim: Simulation, timeMs: number, command: ChaosCommand): void {
  sim.chaosCommands.push({ ...command });
  schedule(sim, Math.max(timeMs, sim.now), EV_CHAOS, sim.chaosCommands.length - 1, 0);
}

/** Live chaos: applied at the current sim time, in event order. */
export function chaos(sim: Simulation, command: ChaosCommand): void {
  chaosAt(sim, sim.now, command);
}

/** Resolves a chaos target: an edge id, a node id, `nodeId:i`, or a list of one node's addresses. */
export function resolveTarget(
  sim: Simulation,
  target: string,
): { edge: number } | { node: NodeRuntime; instances: number[]; wholeNode: boolean } | null {
  const edge = sim.edgeIndex.get(target);
  if (edge !== undefined) return { edge };
  const nodeIndex = sim.nodeIndex.get(target);
  if (nodeIndex !== undefined) {
    const node = sim.nodes[nodeIndex];
    return { node, instances: Array.from({ length: node.instanceCount }, (_, i) => i), wholeNode: true };
  }
  if (target.includes(',')) {
    // A side: every address must name an instance of the same node.
    let node: NodeRuntime | null = null;
    const instances: number[] = [];
    for (const part of target.split(',')) {
      const one = resolveTarget(sim, part.trim());
      if (!one || 'edge' in one || one.wholeNode || (node && one.node !== node)) return null;
      node = one.node;
      instances.push(one.instances[0]);
    }
    return node ? { node, instances, wholeNode: false } : null;
  }
  const colon = target.lastIndexOf(':');
  if (colon > 0) {
    const owner = sim.nodeIndex.get(target.slice(0, colon));
    const instance = Number(target.slice(colon + 1));
    if (
      owner !== undefined &&
      Number.isInteger(instance) &&
      instance >= 0 &&
      instance < sim.nodes[owner].instanceCount
    )
      return { node: sim.nodes[owner], instances: [instance], wholeNode: false };
  }
  return null;
}

export function applyChaos(sim: Simulation, command: PendingChaos): void {
  const resolved = resolveTarget(sim, command.target);
  const fields: Record<string, number | string> = {};
  if (command.factor !== undefined) fields.factor = command.factor;
  if (command.durationS !== undefined && !command.revert) fields.durationS = command.durationS;
  if (!resolved) {
    addLog(sim, command.action, command.target, { ...fields, ignored: 'unknown target' });
    return;
  }
  if (command.action === 'partition') {
    if ('edge' in resolved) {
      addLog(sim, command.action, command.target, {
        ...fields,
        ignored: 'a connection is cut, not partitioned',
      });
      return;
    }
    const refusal = kinds.partition(sim, resolved.node, resolved.instances, resolved.wholeNode);
    addLog(sim, command.action, command.target, refusal ? { ...fields, ignored: refusal } : fields);
    if (!refusal && command.durationS !== undefined && command.durationS > 0 && !command.revert) {
      sim.chaosCommands.push({ action: 'heal', target: command.target, revert: true });
      schedule(sim, sim.now + command.durationS * 1000, EV_CHAOS, sim.chaosCommands.length - 1, 0);
    }
    return;
  }
  addLog(sim, command.action, command.target, fields);
  const revertAfter = (action: ChaosAction, extra: Partial<ChaosCommand> = {}) => {
    if (command.durationS !== undefined && command.durationS > 0 && !command.revert) {
      sim.chaosCommands.push({ action, target: command.target, revert: true, ...extra });
      schedule(sim, sim.now + command.durationS * 1000, EV_CHAOS, sim.chaosCommands.length - 1, 0);
    }
  };
  if ('edge' in resolved) {
    if (command.action === 'cut') {
      sim.edgeCut[resolved.edge] = 1;
      revertAfter('heal');
    } else if (command.action === 'heal') sim.edgeCut[resolved.edge] = 0;
    return;
  }
  const { node, instances } = resolved;
  switch (command.action) {
    case 'kill':
      for (const i of instances) killInstance(sim, node, i);
      revertAfter('restart');
      break;
    case 'hang':
      for (const i of instances)
        if (node.instanceState[i] === I_UP) {
          node.instanceState[i] = I_HUNG;
          sim.hungInstances++;
        }
      revertAfter('restart');
      break;
    case 'restart':
      for (const i of instances) restartInstance(sim, node, i);
      break;
    case 'slow':
      for (const i of instances) node.slowFactor[i] = command.factor ?? 2;
      revertAfter('slow', { factor: 1 });
      break;
    case 'spike': {
      const clients = kinds.originatesRequests(node.kindCode)
        ? [node]
        : sim.nodes.filter((n) => kinds.originatesRequests(n.kindCode));
      for (const c of clients) kinds.spike(sim, c, command.factor ?? 2);
      revertAfter('spike', { factor: 1 });
      break;
    }
    case 'flush':
      for (const i of instances) kinds.flushInstance(sim, node, i);
      break;
    case 'heal':
      kinds.healPartition(sim, node); // a partitioned database's sides merge
      break;
    case 'cut':
      break;
  }
}

/** Every call held by an instance (queued, in service, waiting downstream, stuck). */
export function callsAt(sim: Simulation, node: NodeRuntime, instance: number): number[] {
  const pool = sim.pool;
  const found: number[] = [];
  for (let c = 0; c < pool.highWater; c++) {
    const state = pool.state[c];
    if (state === S_FREE || state === S_TRANSIT || state === S_RESPONDING || state === S_LOST) continue;
    if (pool.node[c] === node.index && pool.instance[c] === instance) found.push(c);
  }
  return found;
}

/** Fails everything an instance holds (its connections reset) and empties its queues. */
export function dropInstanceWork(sim: Simulation, node: NodeRuntime, instance: number): void {
  const pool = sim.pool;
  kinds.dropWork(sim, node);
  for (const c of callsAt(sim, node, instance)) {
    if (pool.state[c] === S_FREE) continue; // released by an earlier cascade
    const child = pool.child[c];
    if (child >= 0) {
      pool.child[c] = -1;
      orphan(sim, child);
    }
    kinds.abandon(sim, node, c);
    if (kinds.originatesRequests(node.kindCode)) continue;
    finishCall(sim, c, false, R_UNAVAILABLE, true);
  }
  changeBusy(sim, node, instance, -node.busy[instance] - node.reserved[instance]);
  changeQueued(sim, node, instance, -node.waiting[instance].length);
  node.busy[instance] = 0;
  node.reserved[instance] = 0;
  node.inFlight[instance] = 0;
  node.waiting[instance].clear();
}

export function killInstance(sim: Simulation, node: NodeRuntime, instance: number): void {
  if (node.instanceState[instance] === I_DEAD) return;
  if (node.instanceState[instance] === I_HUNG) sim.hungInstances--;
  node.instanceState[instance] = I_DEAD;
  dropInstanceWork(sim, node, instance);
  kinds.instanceKilled(sim, node, instance);
}

export function restartInstance(sim: Simulation, node: NodeRuntime, instance: number): void {
  const state = node.instanceState[instance];
  if (state === I_UP) return;
  if (state === I_HUNG) {
    sim.hungInstances--;
    dropInstanceWork(sim, node, instance);
    kinds.instanceReset(sim, node, instance);
  }
  node.instanceState[instance] = I_UP;
  node.slowFactor[instance] = 1;
  kinds.instanceRestarted(sim, node, instance);
}
