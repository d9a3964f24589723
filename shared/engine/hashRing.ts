// Consistent hashing: each owner puts `virtualNodes` points on a 32-bit ring; a key belongs to
// the first point at or after its hash. Used by load balancers (user ids), caches (keys over
// instances) and databases (keys over shards).
import { mix32 } from './rng';

export class HashRing {
  readonly points: Uint32Array;
  readonly owners: Int32Array;

  /** owners: stable ids (e.g. a target's global id); virtualNodes: points per owner. */
  constructor(ownerIds: ArrayLike<number>, virtualNodes: number) {
    const count = ownerIds.length * virtualNodes;
    const points = new Uint32Array(count);
    const owners = new Int32Array(count);
    const order = new Array<number>(count);
    for (let o = 0; o < ownerIds.length; o++) {
      for (let v = 0; v < virtualNodes; v++) {
        const i = o * virtualNodes + v;
        points[i] = mix32(mix32(ownerIds[o] + 0x9e3779b9) ^ Math.imul(v + 1, 0x27d4eb2d));
        owners[i] = ownerIds[o];
        order[i] = i;
      }
    }
    order.sort((x, y) => points[x] - points[y] || owners[x] - owners[y]);
    this.points = new Uint32Array(count);
    this.owners = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      this.points[i] = points[order[i]];
      this.owners[i] = owners[order[i]];
    }
  }

  get size(): number {
    return this.points.length;
  }

  /** The owner of a 32-bit hash, or -1 on an empty ring. */
  ownerOfHash(hash: number): number {
    const points = this.points;
    const n = points.length;
    if (n === 0) return -1;
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (points[middle] < hash) low = middle + 1;
      else high = middle;
    }
    return this.owners[low === n ? 0 : low];
  }

  ownerOf(key: number): number {
    return this.ownerOfHash(mix32(key));
  }
}

/**
 * The exact fraction of the hash space whose owner differs between two rings: every boundary
 * point of either ring splits the circle into arcs, each arc's owner is looked up on both.
 */
export function ringMovedFraction(before: HashRing, after: HashRing): number {
  if (before.size === 0 || after.size === 0) return before.size === after.size ? 0 : 1;
  const boundaries = new Float64Array(before.size + after.size);
  boundaries.set(before.points);
  boundaries.set(after.points, before.size);
  boundaries.sort();
  let moved = 0;
  for (let i = 0; i < boundaries.length; i++) {
    const end = boundaries[i];
    const start = i === 0 ? boundaries[boundaries.length - 1] - 4294967296 : boundaries[i - 1];
    if (end === start) continue;
    if (before.ownerOfHash(end) !== after.ownerOfHash(end)) moved += end - start;
  }
  return moved / 4294967296;
}
