// Traffic source: open (arrivals at a rate) or closed (users who wait, then think). Behaviour: sim.ts.
import { int, num, oneOf } from '../common/paramSpecs';
import { capabilities, countView, type KindSpec } from '../kindSpec';

const CAPS = capabilities({ originatesRequests: true, instanceCount: () => 1 });

/**
 * Shortest time from one request of a closed-mode user to its next after a failure or an answer
 * in no time (an async edge's instant ack): with no think time such a user would otherwise loop
 * forever at one instant. Successes that take time are never held back (sim.ts; the run budget in
 * engine/limits.ts prices cycles with it too).
 */
export const MIN_CYCLE_AFTER_FAILURE_MS = 1;

/** A payload size (KB, 1 KB = 1,000 bytes), relevant while the client sends that operation. */
function payloadKB(label: string, description: string, when: 'above' | 'below', bound: number) {
  return num(
    label,
    0,
    0,
    1_000_000,
    'KB',
    `${description} Moves over edges with a bandwidth, and costs encoding time under a protocol. 0: none.`,
    { relevantWhen: { param: 'readRatio', [when]: bound }, group: 'Payload' },
  );
}

export const clientKind = {
  kind: 'client',
  label: 'Client',
  description: 'Traffic source: users sending reads and writes.',
  placeKey: 'c',
  icon: 'client.svg',
  params: {
    mode: oneOf(
      'Mode',
      ['open', 'closed'],
      'open',
      'Open: arrivals at a rate. Closed: users who wait, then think.',
      { group: 'Traffic' },
    ),
    rps: num('Rate', 100, 0, 10_000_000, 'req/s', 'Open mode: mean arrival rate (Poisson).', {
      relevantWhen: { param: 'mode', oneOf: ['open'] },
      group: 'Traffic',
    }),
    pattern: oneOf(
      'Pattern',
      ['constant', 'ramp', 'spike', 'diurnal'],
      'constant',
      'Open mode: how the rate changes over the run.',
      { relevantWhen: { param: 'mode', oneOf: ['open'] }, group: 'Traffic' },
    ),
    patternFactor: num(
      'Pattern factor',
      2,
      0,
      1000,
      '×',
      'Ramp: rate at the end of the run; spike: rate during the spike; diurnal: peak, as a multiple of the rate.',
      { relevantWhen: { param: 'pattern', oneOf: ['ramp', 'spike', 'diurnal'] }, group: 'Traffic' },
    ),
    patternPeriodS: num('Pattern period', 60, 1, 86_400, 's', 'Diurnal: length of one day-night cycle.', {
      relevantWhen: { param: 'pattern', oneOf: ['diurnal'] },
      group: 'Traffic',
    }),
    spikeAtS: num('Spike start', 20, 0, 86_400, 's', 'Spike: when the spike begins.', {
      relevantWhen: { param: 'pattern', oneOf: ['spike'] },
      group: 'Traffic',
    }),
    spikeDurationS: num('Spike length', 10, 0, 86_400, 's', 'Spike: how long the spike lasts.', {
      relevantWhen: { param: 'pattern', oneOf: ['spike'] },
      group: 'Traffic',
    }),
    users: int(
      'Users',
      10_000,
      1,
      10_000_000,
      'users',
      'Closed mode: concurrent users. Open mode: user ids drawn from.',
      { group: 'Traffic' },
    ),
    thinkTimeMs: num(
      'Think time',
      1000,
      0,
      3_600_000,
      'ms',
      'Closed mode: mean pause between a response and the next request.',
      { relevantWhen: { param: 'mode', oneOf: ['closed'] }, group: 'Traffic' },
    ),
    readRatio: num('Read ratio', 0.9, 0, 1, 'fraction', 'Fraction of requests that are reads.', {
      group: 'Traffic',
    }),
    keys: int('Key space', 100_000, 1, 1_000_000_000, 'keys', 'Distinct keys requests are made for.', {
      group: 'Keys',
    }),
    keyDistribution: oneOf('Key popularity', ['uniform', 'zipf'], 'zipf', 'How keys are chosen.', {
      group: 'Keys',
    }),
    zipfAlpha: num(
      'Zipf alpha',
      0.99,
      0.01,
      5,
      'α',
      'Skew of Zipf popularity: higher means hotter hot keys.',
      { relevantWhen: { param: 'keyDistribution', oneOf: ['zipf'] }, group: 'Keys' },
    ),
    timeoutMs: num(
      'Request deadline',
      2000,
      1,
      3_600_000,
      'ms',
      'The client gives up on a request this long after it started: every attempt, retry and backoff included.',
      { group: 'Timeouts and retries' },
    ),
    attemptTimeoutMs: num(
      'Attempt timeout',
      undefined,
      1,
      3_600_000,
      'ms',
      'One attempt gives up after this long; a retry follows if retries and deadline allow. Left out: an attempt may use all the time left before the deadline.',
      { optional: true, group: 'Timeouts and retries' },
    ),
    retries: int('Retries', 0, 0, 10, 'retries', 'Extra attempts after a failure or timeout.', {
      group: 'Timeouts and retries',
    }),
    retryBackoffMs: num(
      'Retry backoff',
      100,
      0,
      600_000,
      'ms',
      'Wait before a retry, doubled on each attempt.',
      { group: 'Timeouts and retries' },
    ),
    readRequestKB: payloadKB('Read request size', 'A read call’s request body (JSON size).', 'above', 0),
    readResponseKB: payloadKB(
      'Read response size',
      'A read call’s response body (JSON size): what a service sends back for one resource.',
      'above',
      0,
    ),
    writeRequestKB: payloadKB('Write request size', 'A write call’s request body (JSON size).', 'below', 1),
    writeResponseKB: payloadKB(
      'Write response size',
      'A write call’s response body (JSON size).',
      'below',
      1,
    ),
    callsPerRequest: int(
      'Resources per page',
      1,
      1,
      1000,
      'calls',
      'Resources one request (a page view) needs. Over REST or gRPC: one call each, and the request ends when all have answered. Over GraphQL: one query for all of them, resolved by the service.',
      { group: 'Page view' },
    ),
    parallelCalls: int(
      'Parallel calls',
      1,
      1,
      64,
      'calls',
      'Calls of one page in flight at once (1: one after another, so latency adds up; more: the slowest decides). Browsers open about 6 HTTP/1.1 connections per host.',
      { relevantWhen: { param: 'callsPerRequest', above: 1 }, group: 'Page view' },
    ),
  },
  gauges: [],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'client'>;
