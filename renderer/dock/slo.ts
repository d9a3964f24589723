// The SLO badge's verdict: the whole run so far (after warm-up, cumulative: the same numbers and
// verdict as the CLI's `global.slo.pass`) against the design's SLO, with each check named so the
// badge can say *why* it fails, and the current second as a secondary hint ("now: ok"). A run that
// failed its SLO must not read "pass" just because the last second recovered.
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
  /** The checks of the run so far (or of the second, before the engine reported the run so far). */
  checks: SloCheck[];
  /** What the badge says: "SLO pass" / "SLO fail: errors 5.3% > 1% (now: ok)". */
  summary: string;
  /** The current second alone: "ok", or its first failing check ("p99 — (no request completed)"). */
  now: string | null;
  /** The verdict covers the run so far (true) or only one second (no run totals yet). */
  wholeRun: boolean;
}

interface Figures {
  p99Ms: number;
  throughputRps: number;
  errorRate: number;
}

function checksOf(figures: Figures, slo: Slo, judgeThroughput: boolean, wholeRun: boolean): SloCheck[] {
  const noLatency = !Number.isFinite(figures.p99Ms);
  const checks: SloCheck[] = [
    {
      id: 'p99',
      // One second without completions is judged by its errors; a whole run without any cannot
      // pass its p99 line (as the engine's and the CLI's verdict: no completed requests).
      pass: noLatency ? !wholeRun : figures.p99Ms <= slo.p99Ms,
      text: noLatency
        ? wholeRun
          ? 'p99 — no completed requests'
          : 'p99 — (no request completed)'
        : `p99 ${formatMs(figures.p99Ms)} ${figures.p99Ms <= slo.p99Ms ? '≤' : '>'} ${formatMs(slo.p99Ms)}`,
    },
    {
      id: 'errors',
      pass: figures.errorRate <= slo.maxErrorRate,
      text: `errors ${formatPercent(figures.errorRate)} ${figures.errorRate <= slo.maxErrorRate ? '≤' : '>'} ${formatPercent(slo.maxErrorRate)}`,
    },
  ];
  if (judgeThroughput)
    checks.splice(1, 0, {
      id: 'throughput',
      pass: figures.throughputRps >= slo.minThroughputRps,
      text: `throughput ${formatRps(figures.throughputRps)} ${figures.throughputRps >= slo.minThroughputRps ? '≥' : '<'} ${formatRps(slo.minThroughputRps)}`,
    });
  return checks;
}

export function sloVerdict(global: GlobalGauges | null, slo: Slo): SloVerdict {
  if (!global)
    return { state: 'waiting', checks: [], summary: 'SLO: not running', now: null, wholeRun: false };
  const second = checksOf(global, slo, true, false);
  const secondFailing = second.filter((check) => !check.pass);
  const now = secondFailing.length === 0 ? 'ok' : secondFailing[0].text;
  const run = global.run;
  if (run && !run.warmedUp)
    return { state: 'waiting', checks: [], summary: `SLO: warming up (now: ${now})`, now, wholeRun: true };
  const checks = run ? checksOf(run, slo, true, true) : second;
  const failing = checks.filter((check) => !check.pass);
  // The engine's own verdict decides (it is the CLI's); the checks say why.
  const pass = run ? run.pass && failing.length === 0 : failing.length === 0;
  const hint = run ? ` (now: ${now})` : '';
  return pass
    ? { state: 'pass', checks, summary: `SLO pass${hint}`, now, wholeRun: Boolean(run) }
    : {
        state: 'fail',
        checks,
        summary: `SLO fail: ${failing.map((check) => check.text).join(', ') || 'run so far'}${hint}`,
        now,
        wholeRun: Boolean(run),
      };
}
