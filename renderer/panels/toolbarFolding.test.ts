import { describe, expect, it } from 'vitest';
import { foldedGroups, type ToolbarGroup } from './toolbarFolding';

const groups: ToolbarGroup[] = [
  { id: 'file', commands: ['file.new'] },
  { id: 'history', commands: ['edit.undo'], foldRank: 3 },
  { id: 'panels', commands: ['view.togglePalette'], foldRank: 1 },
  { id: 'help', commands: ['help.shortcuts'], foldRank: 2 },
];
const widths = new Map([
  ['file', 160],
  ['history', 85],
  ['panels', 160],
  ['help', 85],
]);
// Everything: 160 + 85 + 160 + 85 plus three 4 px gaps = 502.

describe('toolbar: folding groups into the More menu', () => {
  it('nothing folds when every group fits', () => {
    expect(foldedGroups(groups, widths, 502, 36, 4)).toEqual(new Set());
  });

  it('the lowest fold rank goes first, and the More button is counted once something folds', () => {
    // Without panels: 160 + 85 + 85 + More 36 + three gaps = 378.
    expect(foldedGroups(groups, widths, 501, 36, 4)).toEqual(new Set(['panels']));
    expect(foldedGroups(groups, widths, 378, 36, 4)).toEqual(new Set(['panels']));
    expect(foldedGroups(groups, widths, 377, 36, 4)).toEqual(new Set(['panels', 'help']));
  });

  it('a group without a rank never folds, however narrow the window', () => {
    expect(foldedGroups(groups, widths, 10, 36, 4)).toEqual(new Set(['panels', 'help', 'history']));
  });
});
