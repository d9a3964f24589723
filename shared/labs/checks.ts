// THE check function: the app (live, from the worker's gauges) and the CLI (headless, from the
// engine's) both call evaluateCheck on a LabObservation built the same way (sampleFromGauges), so
// a lab's claim holds in one exactly when it holds in the other.
//
// States: `pass`; `pending` (not enough window yet, no log entry yet, a metric that does not hold
// yet — a learner may still make it hold); `fail` only when the check can no longer pass (a
// comparison of two finished runs that came out false, `all` with a failed part). The headless
// runner turns pending-at-the-end into a failure.
import { CATALOG, EDGE_PARAMS, resolveParams } from '../document/catalog';
import type { Design, ParamValue, Slo } from '../document/types';
import type { GaugeLayout, Gauges, GlobalGauges } from '../engine/gauges';
import { formatCount, formatMs, formatNumber, formatPercent, formatRps, NO_DATA } from '../format';
import { GAUGE_BY_FIELD, type GaugeUnit } from '../kinds/gauges';
import type { CheckResult, CheckValue, CompareOp, LabCheck, LabObservation, LabSample } from './types';

/** One LabSample from the engine's live gauges (the worker's and the CLI's, identically). */
export function sampleFromGauges(layout: GaugeLayout, gauges: Gauges, global: GlobalGauges): LabSample {
  const globalValues: Record<string, number> = {
    throughputRps: global.throughputRps,
    completed: global.completed,
    p50Ms: global.p50Ms,
    p95Ms: global.p95Ms,
    p99Ms: global.p99Ms,
    errorRate: global.errorRate,
    sloPass: global.sloPass ? 1 : 0,
  };
  // The bucket is one second long, so a bucket's count is its rate per second.
  for (const [reason, count] of Object.entries(global.errorsByReason))
    globalValues[`errors.${reason}`] = count;
  const nodes: Record<string, Record<string, number>> = {};
  const fields = layout.nodeFields;
  layout.nodeIds.forEach((nodeId, n) => {
    const values: Record<string, number> = {};
    for (let f = 0; f < fields.length; f++) values[fields[f]] = gauges.nodes[n * fields.length + f];
    nodes[nodeId] = values;
  });
  return { simTimeMs: gauges.simTimeMs, global: globalValues, nodes };
}

const OP_WORDS: Record<CompareOp, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=' };

export function compare(
  left: number | string | boolean,
  op: CompareOp,
  right: number | string | boolean,
): boolean {
  if (op === '==') return left === right;
  if (typeof left !== 'number' || typeof right !== 'number' || Number.isNaN(left) || Number.isNaN(right))
    return false;
  switch (op) {
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '<':
      return left < right;
  }
}

/** The unit a metric is written in: a node gauge's declared unit, or the global field's. */
function unitOf(metric: string): GaugeUnit | 'flag' {
  const field = metric.slice(metric.lastIndexOf('.') + 1);
  if (metric.startsWith('global.errors.')) return 'rps';
  if (field === 'sloPass') return 'flag';
  if (field === 'completed') return 'count';
  const spec = (GAUGE_BY_FIELD as Record<string, { unit: GaugeUnit } | undefined>)[field];
  if (spec) return spec.unit;
  if (/Ms$/.test(field)) return 'ms';
  if (/Rps$/.test(field)) return 'rps';
  if (/Rate$|utilization$/i.test(field)) return 'fraction';
  return 'count';
}

export function formatMetricValue(metric: string, value: number): string {
  if (!Number.isFinite(value)) return NO_DATA;
  switch (unitOf(metric)) {
    case 'ms':
      return formatMs(value);
    case 'rps':
      return formatRps(value);
    case 'fraction':
      return formatPercent(value);
    case 'flag':
      return value ? 'passing' : 'failing';
    case 'count':
      return Number.isInteger(value) ? formatCount(value) : formatNumber(value);
  }
}

/** "api utilization", "global p99", "db lostWrites": the metric in words. */
export function metricWords(metric: string): string {
  const [owner, ...rest] = metric.split('.');
  const field = rest.join('.');
  const spec = (GAUGE_BY_FIELD as Record<string, { label: string } | undefined>)[field];
  const words = spec ? spec.label.toLowerCase() : field.replace(/^errors\./, '').replace(/Ms$|Rps$/, '');
  if (owner === 'global') return field.startsWith('errors.') ? `${words} errors` : `end-to-end ${words}`;
  return `${owner} ${words}`;
}

function resolveValue(value: CheckValue, slo: Slo): number {
  if (typeof value === 'number') return value;
  return slo[value.slice(4) as keyof Slo];
}

/** A sample's value of a metric (NaN when the sample does not hold it). */
export function sampleValue(sample: LabSample, metric: string): number {
  const dot = metric.indexOf('.');
  const owner = metric.slice(0, dot);
  const field = metric.slice(dot + 1);
  const value = owner === 'global' ? sample.global[field] : sample.nodes[owner]?.[field];
  return typeof value === 'number' ? value : NaN;
}

/** A run total by path in the CLI JSON: `global.errorRate`, `db.db.lostWrites`, `api.latencyMs.p99`. */
export function totalValue(totals: unknown, metric: string): number {
  if (typeof totals !== 'object' || totals === null) return NaN;
  const [owner, ...path] = metric.split('.');
  let current: unknown =
    owner === 'global'
      ? (totals as { global?: unknown }).global
      : (totals as { nodes?: Record<string, unknown> }).nodes?.[owner];
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return NaN;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'number' ? current : current === null ? NaN : NaN;
}

const seconds = (s: number) => `${formatNumber(s)} s`;

function metricCheck(
  check: Extract<LabCheck, { metric: string; value: CheckValue }>,
  observation: LabObservation,
  sinceMs: number,
): CheckResult {
  const target = resolveValue(check.value, observation.design.slo);
  const overS = check.overS ?? 1;
  const needed = Math.max(1, Math.ceil(overS - 1e-9));
  const since = observation.samples.filter((sample) => sample.simTimeMs > sinceMs);
  const what = `${metricWords(check.metric)} ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)}`;
  if (since.length === 0)
    return { state: 'pending', detail: `${what}: waiting for the first second of the run` };
  const window = since.slice(-needed);
  const latest = window[window.length - 1];
  const latestValue = sampleValue(latest, check.metric);
  const now = `${metricWords(check.metric)} ${formatMetricValue(check.metric, latestValue)}`;
  if (Number.isNaN(latestValue))
    return {
      state: 'pending',
      detail: `${now} (no data: nothing measured in the last second); needs ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)}`,
    };
  const held = window.every((sample) => compare(sampleValue(sample, check.metric), check.op, target));
  if (held && window.length >= needed)
    return {
      state: 'pass',
      detail: `${now} ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)}${overS > 1 ? ` for ${seconds(overS)}` : ''}`,
    };
  if (held)
    return {
      state: 'pending',
      detail: `${now} ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)} for ${seconds(window.length)} of ${seconds(overS)}`,
    };
  // How long it has held, counting back from now.
  let streak = 0;
  for (
    let i = window.length - 1;
    i >= 0 && compare(sampleValue(window[i], check.metric), check.op, target);
    i--
  )
    streak++;
  const holds = compare(latestValue, check.op, target);
  return {
    state: 'pending',
    detail: holds
      ? `${now} ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)} for ${seconds(streak)} of ${seconds(overS)}`
      : `${now}; needs ${OP_WORDS[check.op]} ${formatMetricValue(check.metric, target)}${overS > 1 ? ` for ${seconds(overS)}` : ''}`,
  };
}

const belongsTo = (target: string, node: string) =>
  target.split(',').some((part) => {
    const address = part.trim();
    return address === node || address.startsWith(`${node}:`);
  });

function logCheck(
  check: Extract<LabCheck, { log: string }>,
  observation: LabObservation,
  sinceMs: number,
): CheckResult {
  const entries = observation.log.filter((entry) => entry.t >= sinceMs);
  let from = 0;
  if (check.after) {
    from = entries.findIndex((entry) => entry.type === check.after);
    if (from < 0)
      return {
        state: 'pending',
        detail: `waiting for ${check.after}, then ${check.log}${check.node ? ` on ${check.node}` : ''}`,
      };
  }
  const found = entries
    .slice(from)
    .find((entry) => entry.type === check.log && (!check.node || belongsTo(entry.target, check.node)));
  if (!found)
    return {
      state: 'pending',
      detail: `no ${check.log}${check.node ? ` on ${check.node}` : ''} yet${check.after ? ` after ${check.after}` : ''}`,
    };
  return { state: 'pass', detail: `${check.log} on ${found.target} at ${formatNumber(found.t / 1000)} s` };
}

function compareCheck(
  check: Extract<LabCheck, { compare: object }>,
  observation: LabObservation,
): CheckResult {
  const a = check.compare.a ?? '';
  const b = check.compare.b ?? '';
  const name = (variant: string) => variant || 'base';
  const totals = observation.variantTotals ?? {};
  if (!(a in totals) || !(b in totals))
    return { state: 'pending', detail: `comparing ${name(a)} with ${name(b)}: not run yet` };
  const left = totalValue(totals[a], check.metric);
  const right = totalValue(totals[b], check.metricB ?? check.metric);
  const factor = check.factor ?? 1;
  const words = check.metricB
    ? `${name(a)} ${check.metric} ${formatMetricValue(check.metric, left)} ${OP_WORDS[check.op]} ${factor !== 1 ? `${formatNumber(factor)} × ` : ''}${name(b)} ${check.metricB} ${formatMetricValue(check.metricB, right)}`
    : `${check.metric}: ${name(a)} ${formatMetricValue(check.metric, left)} ${OP_WORDS[check.op]} ${factor !== 1 ? `${formatNumber(factor)} × ` : ''}${name(b)} ${formatMetricValue(check.metric, right)}`;
  if (Number.isNaN(left) || Number.isNaN(right))
    return { state: 'fail', detail: `${words} (no value: the run did not measure it)` };
  return compare(left, check.op, right * factor)
    ? { state: 'pass', detail: words }
    : { state: 'fail', detail: `not so: ${words}` };
}

function paramCheck(check: Extract<LabCheck, { param: string }>, design: Design): CheckResult {
  const node = design.nodes.find((n) => n.id === check.target);
  const edge = node ? undefined : design.edges.find((e) => e.id === check.target);
  if (!node && !edge) return { state: 'pending', detail: `no ${check.target} in the design` };
  const specs = node ? (CATALOG[node.kind]?.params ?? {}) : EDGE_PARAMS;
  const value: ParamValue | undefined = resolveParams(specs, (node ?? edge)!.params)[check.param];
  const shown = (v: ParamValue | undefined) => (typeof v === 'number' ? formatNumber(v) : String(v));
  const words = `${check.target} ${check.param} ${shown(value)}`;
  if (value !== undefined && compare(value, check.op, check.value))
    return { state: 'pass', detail: `${words} ${OP_WORDS[check.op]} ${shown(check.value)}` };
  return { state: 'pending', detail: `${words}; needs ${OP_WORDS[check.op]} ${shown(check.value)}` };
}

/** Evaluates one check against what a run showed since the step was reached (sinceMs, sim time). */
export function evaluateCheck(check: LabCheck, observation: LabObservation, sinceMs: number): CheckResult {
  if ('all' in check) {
    const results = check.all.map((part) => evaluateCheck(part, observation, sinceMs));
    const state = results.some((r) => r.state === 'fail')
      ? 'fail'
      : results.every((r) => r.state === 'pass')
        ? 'pass'
        : 'pending';
    return { state, detail: results.map((r) => `${mark(r)} ${r.detail}`).join('; ') };
  }
  if ('any' in check) {
    const results = check.any.map((part) => evaluateCheck(part, observation, sinceMs));
    const passed = results.find((r) => r.state === 'pass');
    if (passed) return { state: 'pass', detail: passed.detail };
    const state = results.every((r) => r.state === 'fail') ? 'fail' : 'pending';
    return { state, detail: results.map((r) => `${mark(r)} ${r.detail}`).join('; or ') };
  }
  if ('compare' in check) return compareCheck(check, observation);
  if ('log' in check) return logCheck(check, observation, sinceMs);
  if ('param' in check) return paramCheck(check, observation.design);
  return metricCheck(check, observation, sinceMs);
}

const mark = (result: CheckResult) => (result.state === 'pass' ? '✓' : result.state === 'fail' ? '✗' : '…');

/** The window a check needs, in simulated seconds (metric checks' overS; the longest of a group). */
export function checkWindowS(check: LabCheck): number {
  if ('all' in check) return Math.max(0, ...check.all.map(checkWindowS));
  if ('any' in check) return Math.max(0, ...check.any.map(checkWindowS));
  if ('metric' in check && 'value' in check) return check.overS ?? 1;
  return 0;
}

/** The variants a check compares ('' = the base design), for the runner to run first. */
export function comparedVariants(check: LabCheck): string[] {
  if ('all' in check) return check.all.flatMap(comparedVariants);
  if ('any' in check) return check.any.flatMap(comparedVariants);
  if ('compare' in check) return [check.compare.a ?? '', check.compare.b ?? ''];
  return [];
}

/** Comparison checks with their run length, so the runner runs each variant for as long as asked. */
export function compareChecks(check: LabCheck): Extract<LabCheck, { compare: object }>[] {
  if ('all' in check) return check.all.flatMap(compareChecks);
  if ('any' in check) return check.any.flatMap(compareChecks);
  if ('compare' in check) return [check];
  return [];
}
