// How the product writes numbers: the canvas cards, the dock, the Why panel, the status bar and the
// CLI's tables all call these, so the same value reads the same everywhere.
//
// The rules:
// - Measured values (latency, rates, mean queue depths, factors) keep three significant figures:
//   0.0123, 1.23, 12.3, 123, then 1.23k, 12.3k, 123k, 1.23M. Trailing zeros go ("12", not "12.0").
//   Latency of a second or more is written in seconds ("1.23 s", "12.3 s"). Below 0.001 the value
//   is written with a power of ten ("1.23e-6"), not a row of zeros that hides its size.
// - Counts (requests, failures, events) are exact in full ("12,345") and three figures in compact.
// - Percentages are whole, with one decimal below 10% and from 99.5% (so 99.7% never reads "100%"),
//   trailing zeros dropped as above ("1%", "0.4%");
//   a share too small to show reads "<0.1%", never "0%", which would claim none.
// - Sim time: "42.3 s" under a minute, "2:05.0" above; compact (the charts' time axis) whole seconds.
// - No data (NaN, ±Infinity, null, undefined) is always the em dash "—", never "0", which reads as
//   a real value (a second in which no request completed has no p99, not a fast one).
//
// Forms: `full` carries the unit ("12.3 ms", "1.23k rps") and is what people read in text; `compact`
// is the bare number for places that say the unit once (a chart's axis, a table column headed
// "p99 ms").

export const NO_DATA = '—';

export type NumberForm = 'full' | 'compact';

type MaybeNumber = number | null | undefined;

const hasValue = (value: MaybeNumber): value is number => typeof value === 'number' && Number.isFinite(value);

const THREE_FIGURES = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A measured value in three significant figures with k/M above a thousand: "12.3", "1.23k". */
export function formatNumber(value: MaybeNumber): string {
  if (!hasValue(value)) return NO_DATA;
  // Round first, so 999.6 becomes "1k" rather than "1,000".
  const rounded = Number(value.toPrecision(3));
  if (rounded === 0) return '0';
  const size = Math.abs(rounded);
  if (size >= 1e6) return `${THREE_FIGURES.format(rounded / 1e6)}M`;
  if (size >= 1e3) return `${THREE_FIGURES.format(rounded / 1e3)}k`;
  if (size < 1e-3) return rounded.toExponential(2).replace(/\.?0+e/, 'e');
  return THREE_FIGURES.format(rounded);
}

/** Latency and ages: full "0.25 ms", "12.3 ms", "123 ms", "1.23 s"; compact the number of ms. */
export function formatMs(ms: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(ms)) return NO_DATA;
  if (form === 'compact') return formatNumber(ms);
  const roundedMs = Number(ms.toPrecision(3));
  if (Math.abs(roundedMs) < 1000) return `${formatNumber(roundedMs)} ms`;
  const seconds = Number((ms / 1000).toPrecision(3));
  // A latency of more than 1,000 s is whole seconds, not "1.23k s".
  return `${Math.abs(seconds) >= 1000 ? WHOLE.format(ms / 1000) : THREE_FIGURES.format(seconds)} s`;
}

/** Requests per second: full "12.3 rps", "1.23k rps"; compact "1.23k". */
export function formatRps(rps: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(rps)) return NO_DATA;
  return form === 'compact' ? formatNumber(rps) : `${formatNumber(rps)} rps`;
}

/** A link's bit rate: full "6.8 Mbit/s", "1.2k Mbit/s", "0.05 Mbit/s"; compact the number. */
export function formatMbps(mbps: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(mbps)) return NO_DATA;
  return form === 'compact' ? formatNumber(mbps) : `${formatNumber(mbps)} Mbit/s`;
}

/** Any other rate per second (errors, throttled requests): full "12.3/s"; compact "12.3". */
export function formatPerSecond(perS: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(perS)) return NO_DATA;
  return form === 'compact' ? formatNumber(perS) : `${formatNumber(perS)}/s`;
}

/** Whole things: full exact "12,345"; compact "12.3k". */
export function formatCount(count: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(count)) return NO_DATA;
  return form === 'compact' ? formatNumber(Math.round(count)) : WHOLE.format(Math.round(count));
}

/** A fraction (0..1) as a percentage: "0%", "<0.1%", "0.4%", "4.2%", "82%", "99.7%", "100%". */
export function formatPercent(fraction: MaybeNumber): string {
  if (!hasValue(fraction)) return NO_DATA;
  const percent = fraction * 100;
  const size = Math.abs(percent);
  if (size === 0) return '0%';
  if (size < 0.05) return '<0.1%';
  if (size < 9.95) return `${Number(percent.toFixed(1))}%`;
  // Floor, not round: 99.96% is not everything.
  if (size >= 99.5 && size < 100) return `${Math.floor(percent * 10) / 10}%`;
  return `${Math.round(percent)}%`;
}

/** Simulated time: full "42.3 s", "2:05.0"; compact (axis ticks) "45s", "2:00". */
export function formatSimTime(ms: MaybeNumber, form: NumberForm = 'full'): string {
  if (!hasValue(ms)) return NO_DATA;
  const seconds = Math.max(0, ms) / 1000;
  if (form === 'compact') {
    if (seconds < 60) return `${Math.round(seconds)}s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes}:${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}`;
  }
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}
