// Names as the canvas shows them: a node's label, an instance as "Label:i", an edge as "A → B".
import type { Design } from '../../shared/document/types';

export function targetLabeller(design: Design): (target: string) => string {
  const nodes = new Map(design.nodes.map((node) => [node.id, node.label || node.id]));
  const edges = new Map(design.edges.map((edge) => [edge.id, edge]));
  return (target: string) => {
    const node = nodes.get(target);
    if (node !== undefined) return node;
    const edge = edges.get(target);
    if (edge) return `${nodes.get(edge.from) ?? edge.from} → ${nodes.get(edge.to) ?? edge.to}`;
    const colon = target.lastIndexOf(':');
    if (colon > 0) {
      const owner = nodes.get(target.slice(0, colon));
      if (owner !== undefined) return `${owner}:${target.slice(colon + 1)}`;
    }
    if (target === 'slo') return 'SLO';
    return target;
  };
}
