// The benchmark's yardstick: a plain M/M/1 event loop as lean as it gets in JavaScript — two events
// per customer (arrival, departure) in a binary min-heap of parallel typed arrays keyed on (time,
// sequence), a typed-array FIFO for the waiting line, a xorshift random stream, and no metrics
// beyond the mean wait that proves it is an M/M/1. The engine runs the same model with every
// feature and metric on; the ratio of their events per second, measured in the same process, is
// what the engine's speed is stated against (a machine-independent figure).

const ARRIVAL = 0;
const DEPARTURE = 1;

/** Runs `customers` customers through one exponential server; returns events and the mean wait. */
export function leanMm1(customers, lambdaPerMs, serviceMs, seed = 1) {
  let capacity = 1024;
  let time = new Float64Array(capacity);
  let seq = new Float64Array(capacity);
  let type = new Int32Array(capacity);
  let size = 0;
  let sequence = 0;

  function push(t, kind) {
    if (size === capacity) {
      capacity *= 2;
      const grow = (old, Kind) => {
        const next = new Kind(capacity);
        next.set(old);
        return next;
      };
      time = grow(time, Float64Array);
      seq = grow(seq, Float64Array);
      type = grow(type, Int32Array);
    }
    const s = sequence++;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (time[parent] < t || (time[parent] === t && seq[parent] < s)) break;
      time[i] = time[parent];
      seq[i] = seq[parent];
      type[i] = type[parent];
      i = parent;
    }
    time[i] = t;
    seq[i] = s;
    type[i] = kind;
  }

  function pop() {
    const lastTime = time[--size];
    const lastSeq = seq[size];
    const lastType = type[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (time[right] < time[child] || (time[right] === time[child] && seq[right] < seq[child]))
      )
        child = right;
      if (lastTime < time[child] || (lastTime === time[child] && lastSeq < seq[child])) break;
      time[i] = time[child];
      seq[i] = seq[child];
      type[i] = type[child];
      i = child;
    }
    time[i] = lastTime;
    seq[i] = lastSeq;
    type[i] = lastType;
  }

  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const exponential = (meanMs) => -meanMs * Math.log(uniform());

  let queueCapacity = 1024;
  let queue = new Float64Array(queueCapacity);
  let head = 0;
  let waiting = 0;
  let busy = false;
  let arrived = 0;
  let served = 0;
  let waitSumMs = 0;
  let events = 0;

  push(exponential(1 / lambdaPerMs), ARRIVAL);
  while (size > 0 && served < customers) {
    const now = time[0];
    const kind = type[0];
    pop();
    events++;
    if (kind === ARRIVAL) {
      arrived++;
      if (arrived < customers) push(now + exponential(1 / lambdaPerMs), ARRIVAL);
      if (!busy) {
        busy = true;
        push(now + exponential(serviceMs), DEPARTURE);
      } else {
        if (waiting === queueCapacity) {
          const next = new Float64Array(queueCapacity * 2);
          for (let k = 0; k < waiting; k++) next[k] = queue[(head + k) & (queueCapacity - 1)];
          queue = next;
          head = 0;
          queueCapacity *= 2;
        }
        queue[(head + waiting++) & (queueCapacity - 1)] = now;
      }
    } else {
      served++;
      if (waiting > 0) {
        waitSumMs += now - queue[head];
        head = (head + 1) & (queueCapacity - 1);
        waiting--;
        push(now + exponential(serviceMs), DEPARTURE);
      } else busy = false;
    }
  }
  return { events, customers: served, meanWaitMs: waitSumMs / served };
}
