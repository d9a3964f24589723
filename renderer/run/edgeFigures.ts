// What a connection's live gauges read as, for the dock's line about a selected connection: its
// calls, errors and, per direction, the link's load — written by the one formatter
// (shared/format.ts). A direction's utilisation is shown only where the edge has a bandwidth
// (unbounded links are never busy); its Mbit/s always, once the design moves payloads.
import { EDGE_PARAMS, resolveParams } from '../../shared/document/catalog';
import { PROTOCOL_COSTS, PROTOCOLS, type Protocol } from '../../shared/document/protocols';
import type { Params } from '../../shared/document/types';
import { formatMbps, formatPercent, formatRps } from '../../shared/format';
import type { EdgeGauges } from './types';

export type EdgeFigureKey = 'calls' | 'errors' | 'protocol' | 'forward' | 'back' | 'cut';

export interface EdgeFigure {
  key: EdgeFigureKey;
  text: string;
}

function direction(
  arrow: string,
  utilization: number | undefined,
  mbps: number | undefined,
  bandwidth: number,
) {
  const rate = formatMbps(mbps ?? 0);
  return Number.isFinite(bandwidth)
    ? `${arrow} ${formatPercent(utilization ?? 0)} of ${formatMbps(bandwidth)} (${rate})`
    : `${arrow} ${rate}`;
}

/** The figures of one connection's second: calls, errors, protocol, then each direction's link. */
export function edgeFigures(params: Params, gauges: EdgeGauges): EdgeFigure[] {
  if (gauges.cut) return [{ key: 'cut', text: '✂ cut: everything crossing it is lost' }];
  const resolved = resolveParams(EDGE_PARAMS, params);
  const protocol = (PROTOCOLS as readonly unknown[]).includes(resolved.protocol)
    ? (resolved.protocol as Protocol)
    : 'none';
  const bandwidth = Number(resolved.bandwidthMbps);
  const figures: EdgeFigure[] = [
    { key: 'calls', text: `${formatRps(gauges.throughputRps)} calls` },
    { key: 'errors', text: `errors ${formatPercent(gauges.errorRate)}` },
  ];
  if (protocol !== 'none') figures.push({ key: 'protocol', text: PROTOCOL_COSTS[protocol].label });
  const moved = (gauges.forwardMbps ?? 0) > 0 || (gauges.backMbps ?? 0) > 0;
  if (moved || Number.isFinite(bandwidth)) {
    figures.push({
      key: 'forward',
      text: direction('→', gauges.forwardUtilization, gauges.forwardMbps, bandwidth),
    });
    figures.push({ key: 'back', text: direction('←', gauges.backUtilization, gauges.backMbps, bandwidth) });
  }
  return figures;
}
