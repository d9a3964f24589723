// One line about the selected connection: its gauges at the cursor (or live) — calls, errors, its
// protocol and each direction's link load (renderer/run/edgeFigures.ts). Shown above the charts
// while exactly one connection (and no node) is selected, as NodeStrip is for a node.
import { useDesignStore } from '../store/designStore';
import { useDockRun } from './runSource';
import { useThrottledRun } from './useThrottledRun';
import { sampleAt } from './series';
import { edgeFigures } from '../run/edgeFigures';

export function EdgeStrip() {
  const edgeId = useDesignStore((state) =>
    state.selection.edges.length === 1 && state.selection.nodes.length === 0
      ? state.selection.edges[0]
      : null,
  );
  const edge = useDesignStore(
    (state) => state.design.edges.find((candidate) => candidate.id === edgeId) ?? null,
  );
  const ends = useDesignStore((state) => {
    if (!edge) return '';
    const labelOf = (id: string) => state.design.nodes.find((node) => node.id === id)?.label ?? id;
    return `${labelOf(edge.from)} → ${labelOf(edge.to)}`;
  });
  const cursorS = useDockRun((state) => state.cursorS);
  const throttledSample = useThrottledRun((state) => sampleAt(state.history, state.latest, state.cursorS));
  if (!edge) return null;
  const sample = cursorS === null ? throttledSample : sampleAt(useDockRun.getState().history, null, cursorS);
  const gauges = sample?.edges?.[edge.id];
  return (
    <div className="run-node-strip" data-testid="dock-edge">
      <p className="run-node-line">
        <strong>{ends}</strong>
        <span className="run-node-muted">Connection</span>
        {!gauges ? (
          <span className="run-node-muted">no samples yet — run the design</span>
        ) : (
          edgeFigures(edge.params, gauges).map((figure) => (
            <span key={figure.key} data-testid={`edge-${figure.key}`}>
              {figure.text}
            </span>
          ))
        )}
      </p>
    </div>
  );
}
