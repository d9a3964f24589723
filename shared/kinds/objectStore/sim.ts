// Object store behaviour on the serving model (common/serving.ts): a whole-object read returns the
// key's current version, a write makes a new one; it calls nothing downstream.
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';
import { OP_READ } from '../../engine/constants';
import { releaseWorker } from '../common/serving';

export function serviceDone(sim: Simulation, node: NodeRuntime, c: number): void {
  const pool = sim.pool;
  if (pool.operation[c] !== OP_READ) pool.version[c] = sim.versions.increment(pool.key[c]);
  else pool.version[c] = sim.versions.get(pool.key[c]);
  releaseWorker(sim, node, c);
  sim.finishCall(c, true, 0, false);
}
