// What a card says under its label. The kind line is shown only when it adds information: a card
// labelled "Service" (or "Service 2") of kind Service with one instance would read "Service /
// Service", so it shows the label alone; a renamed card ("Checkout API") or one with instances,
// shards or replicas keeps the line ("Service ×3", "Database · 2 replicas").
import { CATALOG } from '../../shared/document/catalog';
import type { DesignNode } from '../../shared/document/types';
import { nodeSubtitle } from './drawing';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The card's second line, or '' when it would only repeat the label. */
export function cardKindLine(node: Pick<DesignNode, 'kind' | 'params' | 'label'>): string {
  const subtitle = nodeSubtitle(node);
  const kindName = CATALOG[node.kind].label;
  const labelIsKindName = new RegExp(`^${escapeRegExp(kindName)}( \\d+)?$`, 'i').test(node.label.trim());
  return labelIsKindName && subtitle === kindName ? '' : subtitle;
}
