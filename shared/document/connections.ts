// The one rule for which connections a design may hold. The editor asks it before drawing an edge
// (and says why not); opening a file applies it to every edge, so a file can never hold a
// connection the editor would refuse.
import { connectionRefusal } from './catalog';
import { isComponentKind } from './schema';

/** The parts of a design the rule looks at (a parsed file or the editor's live design). */
export interface ConnectionContext {
  readonly nodes: readonly { readonly id: string; readonly kind: string; readonly label: string }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

/** Why `from` may not connect to `to`, or null: self-loops, duplicates and the catalog's rules. */
export function connectionProblem(design: ConnectionContext, fromId: string, toId: string): string | null {
  const from = design.nodes.find((node) => node.id === fromId);
  const to = design.nodes.find((node) => node.id === toId);
  if (!from || !to) return 'Both ends of a connection must be components.';
  if (fromId === toId) return `${from.label} cannot connect to itself.`;
  if (design.edges.some((edge) => edge.from === fromId && edge.to === toId))
    return `${from.label} is already connected to ${to.label}.`;
  if (!isComponentKind(from.kind) || !isComponentKind(to.kind)) return null; // reported as an unknown kind
  return connectionRefusal(from.kind, to.kind);
}
