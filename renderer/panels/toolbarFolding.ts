// Which toolbar groups fold into the "More" menu when the window is too narrow for all of them.
// Pure, so the rule is unit-tested without a browser: groups fold lowest `foldRank` first (the
// least used), and a group without a rank never folds.

export interface ToolbarGroup {
  id: string;
  commands: string[];
  /** 1 folds first; leave out for a group that always stays (file commands). */
  foldRank?: number;
}

/**
 * The ids of the groups to fold so the rest, plus the More button when anything is folded, fit in
 * `availablePx`. `widthsPx` are the groups' rendered widths; `gapPx` separates neighbours.
 */
export function foldedGroups(
  groups: readonly ToolbarGroup[],
  widthsPx: ReadonlyMap<string, number>,
  availablePx: number,
  morePx: number,
  gapPx: number,
): Set<string> {
  const folded = new Set<string>();
  const widthOf = (group: ToolbarGroup) => widthsPx.get(group.id) ?? 0;
  const needed = () => {
    const shown = groups.filter((group) => !folded.has(group.id));
    const items = shown.map(widthOf);
    if (folded.size > 0) items.push(morePx);
    return items.reduce((sum, width) => sum + width, 0) + gapPx * Math.max(0, items.length - 1);
  };
  const byRank = groups
    .filter((group) => group.foldRank !== undefined)
    .sort((a, b) => a.foldRank! - b.foldRank!);
  for (const group of byRank) {
    if (needed() <= availablePx) break;
    folded.add(group.id);
  }
  return folded;
}
