// Retrying a failed call with exponential backoff: the one rule a client (its own requests) and a
// service (its downstream calls) share. The next attempt arrives as an EV_RETRY event.
import { EV_RETRY } from '../../engine/constants';
import type { NodeRuntime } from '../../engine/nodeRuntime';
import type { Simulation } from '../../engine/simulation';

/**
 * Schedules another attempt of call c after retryBackoffMs × 2^(attempt−1), leaving the call in
 * `waitState` until then; false when the node has no retries left, or when the next attempt
 * would start at or after `deadlineMs` (a client's request deadline).
 */
export function scheduleRetry(
  sim: Simulation,
  node: NodeRuntime,
  c: number,
  waitState: number,
  deadlineMs = Infinity,
): boolean {
  const pool = sim.pool;
  if (pool.attempt[c] >= node.retries) return false;
  const backoffMs = node.retryBackoffMs * Math.pow(2, pool.attempt[c]);
  if (sim.now + backoffMs >= deadlineMs) return false;
  pool.attempt[c]++;
  pool.state[c] = waitState;
  sim.schedule(sim.now + backoffMs, EV_RETRY, c, pool.generation[c]);
  return true;
}

/** Retries and their backoff (clients for requests, services and workers for downstream calls). */
export function readRetryParams(node: NodeRuntime): void {
  node.retries = node.numberParam('retries');
  node.retryBackoffMs = node.numberParam('retryBackoffMs');
}
