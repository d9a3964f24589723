// How a kind declares its parameters: every parameter has a default (or is optional: unbounded),
// a unit, a range, a one-line description and an inspector group. Parameter names are the file
// format: keep them, add freely. The builders below keep the kind files short.
import type { ParamValue } from '../../document/types';

export interface ParamBase {
  label: string;
  description: string;
  /** The inspector's heading for it (e.g. 'Capacity', 'Timing'); every parameter names one. */
  group?: string;
  /**
   * Matters only while another parameter has one of these values (`oneOf`, an enum's or a
   * flag's 'true'/'false') or is above / below a number; the inspector hides it otherwise.
   */
  relevantWhen?: { param: string; oneOf?: readonly string[]; above?: number; below?: number };
}
export interface NumberParamSpec extends ParamBase {
  type: 'number';
  /** Absent for an `optional` parameter: left out means unbounded. */
  default?: number;
  min: number;
  max: number;
  integer?: boolean;
  unit: string;
  /** Left out means unbounded (the engine reads it as Infinity). */
  optional?: boolean;
}
export interface EnumParamSpec extends ParamBase {
  type: 'enum';
  options: readonly string[];
  default: string;
}
export interface BooleanParamSpec extends ParamBase {
  type: 'boolean';
  default: boolean;
}
export type ParamSpec = NumberParamSpec | EnumParamSpec | BooleanParamSpec;
export type ParamSpecs = Record<string, ParamSpec>;

export const num = (
  label: string,
  defaultValue: number | undefined,
  min: number,
  max: number,
  unit: string,
  description: string,
  extra: Partial<NumberParamSpec> = {},
): NumberParamSpec => ({
  type: 'number',
  label,
  default: defaultValue,
  min,
  max,
  unit,
  description,
  ...extra,
});
export const int = (
  label: string,
  defaultValue: number | undefined,
  min: number,
  max: number,
  unit: string,
  description: string,
  extra: Partial<NumberParamSpec> = {},
): NumberParamSpec => num(label, defaultValue, min, max, unit, description, { integer: true, ...extra });
export const oneOf = (
  label: string,
  options: readonly string[],
  defaultValue: string,
  description: string,
  extra: Partial<EnumParamSpec> = {},
): EnumParamSpec => ({
  type: 'enum',
  label,
  options,
  default: defaultValue,
  description,
  ...extra,
});
export const flag = (
  label: string,
  defaultValue: boolean,
  description: string,
  extra: Partial<BooleanParamSpec> = {},
): BooleanParamSpec => ({
  type: 'boolean',
  label,
  default: defaultValue,
  description,
  ...extra,
});

export const instances = (defaultValue = 1) =>
  int(
    'Instances',
    defaultValue,
    1,
    1000,
    'instances',
    'Identical copies; each queues, serves, fails and can be killed.',
    { group: 'Capacity' },
  );

/** Requests one instance works on at once (its concurrency). */
export const workers = (
  defaultValue: number,
  description = 'Requests one instance serves at the same time (concurrency).',
) => int('Workers', defaultValue, 1, 10_000, 'workers', description, { group: 'Capacity' });

/** Requests that may wait per instance for a worker (left out: unbounded). */
export const queueCapacity = () =>
  int(
    'Queue capacity',
    undefined,
    0,
    10_000_000,
    'requests',
    'Requests that may wait per instance; a full queue rejects. Left out: unbounded.',
    { optional: true, group: 'Capacity' },
  );

/** The shape of a node's own per-request time: exponential, constant or lognormal (with its cv). */
export const serviceShapeParams = (defaultShape: 'exp' | 'const', timeName: string): ParamSpecs => ({
  serviceDist: oneOf(
    'Service time distribution',
    ['exp', 'const', 'lognormal'],
    defaultShape,
    `Shape of the ${timeName}: exponential, constant or lognormal.`,
    { group: 'Timing' },
  ),
  serviceTimeCv: num(
    'Service time variation',
    1,
    0,
    10,
    'cv',
    `Coefficient of variation of a lognormal ${timeName} (std dev / mean).`,
    { relevantWhen: { param: 'serviceDist', oneOf: ['lognormal'] }, group: 'Timing' },
  ),
});

/** Parameters shared by everything that serves requests with a worker pool and a queue. */
export const serverParams = (serviceTimeMs: number): ParamSpecs => ({
  instances: instances(),
  workers: workers(8),
  serviceTimeMs: num(
    'Service time',
    serviceTimeMs,
    0,
    600_000,
    'ms',
    'Mean time to serve one request at speed 1.',
    { group: 'Timing' },
  ),
  ...serviceShapeParams('exp', 'service time'),
  queueCapacity: queueCapacity(),
  speedFactor: num('Speed factor', 1, 0.01, 100, '×', 'Vertical scaling: service time is divided by this.', {
    group: 'Capacity',
  }),
  errorRate: num(
    'Error rate',
    0,
    0,
    1,
    'fraction',
    'Fraction of requests that fail with an error after service.',
    { group: 'Failures' },
  ),
});

/**
 * The worker pool of a proxy (gateway, rate limiter, balancer, cache, CDN): its own per-request
 * time (overhead, lookup) is served by `workers` per instance with a queue, like a service's, so
 * it saturates at instances × workers / time. Defaults are generous (a lesson lowers them).
 */
export const proxyPoolParams = (defaultWorkers: number, timeName: string): ParamSpecs => ({
  workers: workers(
    defaultWorkers,
    `Requests one instance works on at the same time (its ${timeName} is spent holding one).`,
  ),
  queueCapacity: queueCapacity(),
  ...serviceShapeParams('const', timeName),
});

/** Parameters of anything that calls downstream nodes (services and workers). */
export const callerParams: ParamSpecs = {
  blockingCalls: flag(
    'Blocking calls',
    true,
    'A worker is held while it waits for downstream calls (a slow dependency exhausts the pool).',
    { group: 'Downstream calls' },
  ),
  callTimeoutMs: num(
    'Call timeout',
    1000,
    1,
    3_600_000,
    'ms',
    'How long a downstream call may take before it fails.',
    { group: 'Downstream calls' },
  ),
  retries: int('Retries', 0, 0, 10, 'retries', 'Extra attempts of a failed downstream call.', {
    group: 'Downstream calls',
  }),
  retryBackoffMs: num(
    'Retry backoff',
    50,
    0,
    600_000,
    'ms',
    'Wait before a retry, doubled on each attempt.',
    { group: 'Downstream calls' },
  ),
  breakerThreshold: int(
    'Breaker threshold',
    0,
    0,
    10_000,
    'failures',
    'Consecutive downstream failures that open the circuit breaker (0: no breaker).',
    { group: 'Downstream calls' },
  ),
  breakerCooldownMs: num(
    'Breaker cooldown',
    5000,
    1,
    3_600_000,
    'ms',
    'How long an open breaker fails calls fast before letting one through.',
    { group: 'Downstream calls' },
  ),
};

/** Whether a parameter matters given the others (resolved values): see `relevantWhen`. */
export function isParamRelevant(spec: ParamSpec, resolved: Record<string, ParamValue>): boolean {
  const when = spec.relevantWhen;
  if (!when) return true;
  const value = resolved[when.param];
  if (when.oneOf && !when.oneOf.includes(String(value))) return false;
  if (when.above !== undefined && !(Number(value) > when.above)) return false;
  if (when.below !== undefined && !(Number(value) < when.below)) return false;
  return true;
}
