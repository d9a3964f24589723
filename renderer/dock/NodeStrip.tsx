// One line about the selected node: its gauges at the cursor (or live), then its run totals as the
// engine counts them (cut short with an ellipsis when the line is full; whole in its tooltip). Shown above the charts while exactly one node is selected; the charts add the
// node's own series at the same time.
import { useEffect, useState } from 'react';
import { useDesignStore } from '../store/designStore';
import { nodeTotals, useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { sampleAt } from './series';
import { describeNodeTotals, type NodeTotalsRow } from './nodeTotals';
import { CATALOG } from '../../shared/document/catalog';
import { nodeFigures } from '../run/nodeFigures';

/** Run totals refresh this often while the run goes on. */
const TOTALS_REFRESH_MS = 1000;

export function NodeStrip() {
  const nodeId = useDesignStore((state) =>
    state.selection.nodes.length === 1 ? state.selection.nodes[0] : null,
  );
  const node = useDesignStore(
    (state) => state.design.nodes.find((candidate) => candidate.id === nodeId) ?? null,
  );
  const cursorS = useDockRun((state) => state.cursorS);
  const throttledSample = useThrottledRun((state) => sampleAt(state.history, state.latest, state.cursorS));
  const status = useThrottledRun((state) => state.status);
  const samples = useThrottledRun((state) => state.historyVersion);
  const [totals, setTotals] = useState<{ nodeId: string; row: NodeTotalsRow | null } | null>(null);

  const reloadKey = status === 'running' ? -1 : samples;
  useEffect(() => {
    if (!nodeId) return;
    let cancelled = false;
    const load = () =>
      nodeTotals().then(
        (rows) => !cancelled && setTotals({ nodeId, row: rows?.[nodeId] ?? null }),
        () => !cancelled && setTotals({ nodeId, row: null }),
      );
    void load();
    const timer = status === 'running' ? setInterval(load, TOTALS_REFRESH_MS) : null;
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
    };
  }, [nodeId, status, reloadKey]);

  if (!node) return null;
  const sample = cursorS === null ? throttledSample : sampleAt(useDockRun.getState().history, null, cursorS);
  const gauges = sample?.nodes[node.id];
  const kindLabel = CATALOG[node.kind]?.label ?? node.kind;
  const row = totals?.nodeId === node.id ? totals.row : null;
  return (
    <div className="run-node-strip" data-testid="dock-node">
      <p className="run-node-line">
        <strong>{node.label || node.id}</strong>
        <span className="run-node-muted">{kindLabel}</span>
        {!gauges ? (
          <span className="run-node-muted">no samples yet — run the design</span>
        ) : (
          <>
            {nodeFigures(node, gauges).map((figure) => (
              <span key={figure.key} data-testid={`node-${figure.key}`}>
                {figure.text}
              </span>
            ))}
          </>
        )}
        {row && (
          <span
            className="run-node-muted run-node-totals"
            data-testid="node-totals"
            title={`Run totals: ${describeNodeTotals(row).join(' · ')}`}
          >
            Run totals: {describeNodeTotals(row).join(' · ')}
          </span>
        )}
      </p>
    </div>
  );
}
