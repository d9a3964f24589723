// The SLO badge's verdict: the sample at the cursor (or the latest) against the design's SLO, with
// each check named so the badge can say *why* it fails, not only that it does.
import type { GlobalGauges } from '../run/types';
import type { Slo } from '../../shared/document/types';
import { formatMs, formatPercent, formatRps } from './format';

export interface SloCheck {
  id: 'p99' | 'throughput' | 'errors';
  pass: boolean;
  /** "p99 312 ms > 200 ms" */
  text: string;
}

export interface SloVerdict {
  state: 'waiting' | 'pass' | 'fail';
  checks: SloCheck[];
  /** What the badge says: "SLO pass" / "SLO fail: p99 312 ms > 200 ms". */
  summary: string;
}

export function sloVerdict(global: GlobalGauges | null, slo: Slo): SloVerdict {
  if (!global) return { state: 'waiting', checks: [], summary: 'SLO: not running' };
  const checks: SloCheck[] = [
    {
      id: 'p99',
      pass: global.p99Ms <= slo.p99Ms,
      text: `p99 ${formatMs(global.p99Ms)} ${global.p99Ms <= slo.p99Ms ? '≤' : '>'} ${formatMs(slo.p99Ms)}`,
    },
    {
      id: 'throughput',
      pass: global.throughputRps >= slo.minThroughputRps,
      text: `throughput ${formatRps(global.throughputRps)} ${global.throughputRps >= slo.minThroughputRps ? '≥' : '<'} ${formatRps(slo.minThroughputRps)}`,
    },
    {
      id: 'errors',
      pass: global.errorRate <= slo.maxErrorRate,
      text: `errors ${formatPercent(global.errorRate)} ${global.errorRate <= slo.maxErrorRate ? '≤' : '>'} ${formatPercent(slo.maxErrorRate)}`,
    },
  ];
  const failing = checks.filter((check) => !check.pass);
  return failing.length === 0
    ? { state: 'pass', checks, summary: 'SLO pass' }
    : { state: 'fail', checks, summary: `SLO fail: ${failing.map((check) => check.text).join(', ')}` };
}
