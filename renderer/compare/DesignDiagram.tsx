// One side of the compare view: the design drawn small (cards and connections where they are on
// the canvas, scaled to fit) with each node's throughput and utilisation at the shared cursor
// second, and the nodes that differ from the other design outlined. Plain SVG: two of them redraw
// only when the cursor moves.
import { NODE_HEIGHT, NODE_WIDTH, routeEdge } from '../../shared/document/geometry';
import type { Design } from '../../shared/document/types';
import type { RunTimeline } from '../../shared/analysis/runTask';
import { formatPercent, formatRps } from '../../shared/format';
import { useCanvasTheme } from '../ui/themeColors';

const PAD = 20;

export function DesignDiagram({
  design,
  timeline,
  at,
  changed,
  side,
}: {
  design: Design;
  timeline: RunTimeline | null;
  /** Index into the timeline (the cursor second), or null for no figures yet. */
  at: number | null;
  changed: ReadonlySet<string>;
  side: 'A' | 'B';
}) {
  const theme = useCanvasTheme();
  const xs = design.nodes.map((node) => node.x);
  const ys = design.nodes.map((node) => node.y);
  const minX = Math.min(...xs) - NODE_WIDTH / 2 - PAD;
  const minY = Math.min(...ys) - NODE_HEIGHT / 2 - PAD;
  const width = Math.max(...xs) + NODE_WIDTH / 2 + PAD - minX;
  const height = Math.max(...ys) + NODE_HEIGHT / 2 + PAD - minY;
  const byId = new Map(design.nodes.map((node) => [node.id, node]));
  const index = timeline && at !== null ? Math.min(at, timeline.tS.length - 1) : null;
  return (
    <svg
      className="compare-diagram"
      data-testid={`compare-diagram-${side}`}
      viewBox={`${minX} ${minY} ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={`Design ${side}: ${design.meta.title}`}
    >
      {design.edges.map((edge) => {
        const from = byId.get(edge.from);
        const to = byId.get(edge.to);
        if (!from || !to) return null;
        const route = routeEdge(from, to);
        const d = `M ${route.start.x} ${route.start.y} C ${route.control1.x} ${route.control1.y} ${route.control2.x} ${route.control2.y} ${route.end.x} ${route.end.y}`;
        return <path key={edge.id} d={d} fill="none" stroke={theme.nodeStroke} strokeWidth={3} />;
      })}
      {design.nodes.map((node) => {
        const figures = index !== null ? timeline!.nodes[node.id] : undefined;
        const utilization = figures?.utilization[index!];
        const rps = figures?.throughputRps[index!];
        const text = figures
          ? `${formatRps(rps ?? null, 'compact')} · ${formatPercent(utilization ?? null)} busy`
          : '';
        const hot = utilization !== undefined && utilization >= 0.8;
        return (
          <g key={node.id} data-node={node.id} data-changed={changed.has(node.id) || undefined}>
            <rect
              x={node.x - NODE_WIDTH / 2}
              y={node.y - NODE_HEIGHT / 2}
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={10}
              fill={theme.nodeFill}
              stroke={changed.has(node.id) ? theme.selection : hot ? theme.danger : theme.nodeStroke}
              strokeWidth={changed.has(node.id) ? 6 : 2}
            />
            <text
              x={node.x}
              y={node.y - 6}
              textAnchor="middle"
              fontSize={22}
              fontWeight={700}
              fill={theme.nodeText}
            >
              {node.label}
            </text>
            <text
              x={node.x}
              y={node.y + 20}
              textAnchor="middle"
              fontSize={18}
              fill={hot ? theme.danger : theme.nodeSubtext}
              data-testid={`compare-figure-${side}-${node.id}`}
            >
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
