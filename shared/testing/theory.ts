// Closed forms the fidelity tests check the engine against, written once: Erlang C for M/M/c
// queues and exact mean value analysis for a closed loop of users.

/** |actual − expected| / expected. */
export const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

/** Erlang C: mean wait Wq and mean queue length Lq of an M/M/c queue (rates per ms). */
export function erlangC(lambdaPerMs: number, muPerMs: number, c: number) {
  const a = lambdaPerMs / muPerMs;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho); // a^c / c! / (1 - rho)
  const probabilityWait = last / (sum + last);
  const waitMs = probabilityWait / (c * muPerMs - lambdaPerMs);
  return { waitMs, queueLength: lambdaPerMs * waitMs, rho };
}

/** Exact MVA for N users, one single-server station (mean service S) and a think time Z. */
export function meanValueAnalysis(users: number, serviceMs: number, thinkMs: number) {
  let queue = 0;
  let throughputPerMs = 0;
  let responseMs = 0;
  for (let n = 1; n <= users; n++) {
    responseMs = serviceMs * (1 + queue);
    throughputPerMs = n / (responseMs + thinkMs);
    queue = throughputPerMs * responseMs;
  }
  return { throughputRps: throughputPerMs * 1000, responseMs };
}

/**
 * The mean of the k-th smallest of n independent Uniform(low, high) draws: low + (high − low) ·
 * k / (n + 1) (the k-th order statistic of n standard uniforms is Beta(k, n + 1 − k)).
 */
export const uniformOrderStatisticMean = (k: number, n: number, low: number, high: number) =>
  low + ((high - low) * k) / (n + 1);
