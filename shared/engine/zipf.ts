// Zipf key popularity by rejection-inversion (Hörmann & Derflinger 1996, as in Apache Commons
// RNG): O(1) memory and expected O(1) time per sample, so a key space of 10^9 costs nothing.
import type { Rng } from './rng';

function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

export class ZipfSampler {
  private readonly hIntegralX1: number;
  private readonly hIntegralN: number;
  private readonly squeeze: number;

  constructor(
    readonly keys: number,
    readonly alpha: number,
  ) {
    this.hIntegralX1 = this.hIntegral(1.5) - 1;
    this.hIntegralN = this.hIntegral(keys + 0.5);
    this.squeeze = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  private h(x: number): number {
    return Math.exp(-this.alpha * Math.log(x));
  }
  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return helper2((1 - this.alpha) * logX) * logX;
  }
  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.alpha);
    if (t < -1) t = -1;
    return Math.exp(helper1(t) * x);
  }

  /** A key in [0, keys): key 0 is the most popular. */
  sample(rng: Rng): number {
    for (;;) {
      const u = this.hIntegralN + rng.next() * (this.hIntegralX1 - this.hIntegralN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.keys) k = this.keys;
      if (k - x <= this.squeeze || u >= this.hIntegral(k + 0.5) - this.h(k)) return k - 1;
    }
  }
}
