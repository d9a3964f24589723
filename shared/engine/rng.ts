// Seeded randomness. xoshiro128** (fast, 32-bit, good statistical quality) seeded through
// splitmix32 from (run seed, component id): one independent stream per component, so editing one
// component never shifts the random numbers another one sees.

/** FNV-1a of a string: turns a component id into a stream number. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finalizer: a cheap, well-mixed 32-bit hash of an integer (keys, user ids, ring points). */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

// Ziggurat tables for the standard exponential (Marsaglia & Tsang 2000, 256 layers): about 98%
// of samples cost one 32-bit draw, a compare and a multiply, no logarithm.
const ZIGGURAT_K = new Uint32Array(256);
const ZIGGURAT_W = new Float64Array(256);
const ZIGGURAT_F = new Float64Array(256);
{
  let d = 7.697117470131487;
  let t = d;
  const v = 3.949659822581572e-3;
  const q = v / Math.exp(-d);
  ZIGGURAT_K[0] = Math.floor((d / q) * TWO_POW_32);
  ZIGGURAT_K[1] = 0;
  ZIGGURAT_W[0] = q / TWO_POW_32;
  ZIGGURAT_W[255] = d / TWO_POW_32;
  ZIGGURAT_F[0] = 1;
  ZIGGURAT_F[255] = Math.exp(-d);
  for (let i = 254; i >= 1; i--) {
    d = -Math.log(v / d + Math.exp(-d));
    ZIGGURAT_K[i + 1] = Math.floor((d / t) * TWO_POW_32);
    t = d;
    ZIGGURAT_F[i] = Math.exp(-d);
    ZIGGURAT_W[i] = d / TWO_POW_32;
  }
}
const ZIGGURAT_R = 7.697117470131487;

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Box–Muller makes normals in pairs; the second is kept for the next call. */
  private spareNormal = NaN;

  constructor(seed: number, streamId: string) {
    let state = (seed ^ hashString(streamId)) | 0;
    const next = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const rotated = Math.imul(s1, 5);
    const result = Math.imul((rotated << 7) | (rotated >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform in the open interval (0, 1): never 0, so -log(u) is always finite. */
  next(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  exponential(mean: number): number {
    const j = this.nextUint32();
    const i = j & 255;
    if (j < ZIGGURAT_K[i]) return mean * j * ZIGGURAT_W[i];
    return mean * this.exponentialTail(j, i);
  }

  /** The ziggurat's slow path: the base strip's tail or a wedge (rare). */
  private exponentialTail(j: number, i: number): number {
    for (;;) {
      if (i === 0) return ZIGGURAT_R - Math.log(this.next());
      const x = j * ZIGGURAT_W[i];
      if (ZIGGURAT_F[i] + this.next() * (ZIGGURAT_F[i - 1] - ZIGGURAT_F[i]) < Math.exp(-x)) return x;
      j = this.nextUint32();
      i = j & 255;
      if (j < ZIGGURAT_K[i]) return j * ZIGGURAT_W[i];
    }
  }

  normal(): number {
    if (this.spareNormal === this.spareNormal) {
      const value = this.spareNormal;
      this.spareNormal = NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Lognormal with the given mean and coefficient of variation (std dev / mean). */
  lognormal(mean: number, cv: number): number {
    if (cv <= 0) return mean;
    const sigmaSquared = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigmaSquared / 2;
    return Math.exp(mu + Math.sqrt(sigmaSquared) * this.normal());
  }
}
