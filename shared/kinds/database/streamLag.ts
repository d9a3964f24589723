// A single-leader follower's replication stream lag, as a function of time. A follower applies
// the leader's log in order, so if every write drew its own delay, a short one would wait behind
// a long one before it and the mean would creep up with the write rate (towards the top of the
// range). Instead each follower's lag drifts: it moves at half real-time speed (±0.5 ms of lag per
// ms) between the mean −25% and the mean +25%, reflected at both ends, and turns round at random
// times (exponential, one mean lag apart on average) — a telegraph process. Its stationary
// distribution is uniform on [0.75 × mean, 1.25 × mean] (the flow and the symmetric turns both
// keep the uniform measure), so every write sees the configured mean lag on average at any write
// rate, copies' lags are independent, and since the lag never falls faster than time passes,
// later writes are never applied before earlier ones (log order costs nothing).
import type { Rng } from '../../engine/rng';

/** Below this mean lag (ms) replication is instant (no state, no random numbers). */
export const NO_LAG_MS = 1e-6;
/** Lag moved per ms of time, as a fraction of the lag's range per mean lag (see lagMs). */
const SPEED = 0.5;
/** After this many mean lags without a write the process has forgotten its state: draw it afresh. */
const FORGET_AFTER_MEANS = 8;
/** At most this many turns are stepped through per call (then the state is drawn afresh). */
const MAX_TURNS = 64;

export class StreamLags {
  /** Position on a circle of length 2 (0..1 rising, 1..2 falling): lag = low + range × fold(position). */
  private position: Float64Array;
  private direction: Float64Array;
  private lastMs: Float64Array;
  private nextTurnMs: Float64Array;

  constructor(count: number) {
    this.position = new Float64Array(count);
    this.direction = new Float64Array(count);
    this.lastMs = new Float64Array(count).fill(-Infinity);
    this.nextTurnMs = new Float64Array(count);
  }

  /** Follower `i`'s lag at nowMs (calls come in time order), for a configured mean. */
  lagMs(i: number, nowMs: number, meanMs: number, rng: Rng): number {
    if (!(meanMs > NO_LAG_MS)) return 0;
    const rangeMs = 0.5 * meanMs;
    // Position units per ms: the lag moves SPEED ms per ms, the circle's half is rangeMs long.
    const rate = SPEED / rangeMs;
    let position = this.position[i];
    let direction = this.direction[i];
    let t = this.lastMs[i];
    let turn = this.nextTurnMs[i];
    let fresh = !(nowMs - t <= FORGET_AFTER_MEANS * meanMs);
    for (let turns = 0; !fresh && turn <= nowMs; turns++) {
      if (turns === MAX_TURNS) fresh = true;
      else {
        position += direction * (turn - t) * rate;
        t = turn;
        direction = -direction;
        turn += rng.exponential(meanMs);
      }
    }
    if (fresh) {
      position = 2 * rng.next();
      direction = rng.next() < 0.5 ? -1 : 1;
      turn = nowMs + rng.exponential(meanMs);
    } else position += direction * (nowMs - t) * rate;
    position -= 2 * Math.floor(position / 2);
    this.position[i] = position;
    this.direction[i] = direction;
    this.lastMs[i] = nowMs;
    this.nextTurnMs[i] = turn;
    const folded = position <= 1 ? position : 2 - position;
    return 0.75 * meanMs + rangeMs * folded;
  }

  /** Re-lays the followers (old i becomes newIndexOf[i]; -1 removed); new ones start afresh. */
  remap(count: number, newIndexOf: Int32Array): StreamLags {
    const next = new StreamLags(count);
    for (let i = 0; i < newIndexOf.length; i++) {
      const j = newIndexOf[i];
      if (j < 0 || i >= this.position.length) continue;
      next.position[j] = this.position[i];
      next.direction[j] = this.direction[i];
      next.lastMs[j] = this.lastMs[i];
      next.nextTurnMs[j] = this.nextTurnMs[i];
    }
    return next;
  }
}
