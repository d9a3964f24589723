import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('command palette fuzzy matching', () => {
  it('matches when every query character appears in order, ignoring case and spaces', () => {
    expect(fuzzyMatch('ztf', 'Zoom to fit')).not.toBeNull();
    expect(fuzzyMatch('ZOOM FIT', 'Zoom to fit')).not.toBeNull();
    expect(fuzzyMatch('fz', 'Zoom to fit')).toBeNull();
    expect(fuzzyMatch('zoomx', 'Zoom to fit')).toBeNull();
  });

  it('an empty query matches everything with the same score', () => {
    expect(fuzzyMatch('', 'Undo')).toEqual({ score: 0, positions: [] });
    expect(fuzzyFilter('', ['b', 'a'], (s) => s)).toEqual(['b', 'a']);
  });

  it('prefers a later word start over an earlier letter inside a word', () => {
    expect(fuzzyMatch('ta', 'Cutter table')!.positions).toEqual([7, 8]);
    // …but not when jumping would leave the rest of the query unmatched.
    expect(fuzzyMatch('tr', 'Cutter t')!.positions).toEqual([2, 5]);
  });

  it('ranks initials and prefixes above scattered letters', () => {
    const labels = ['Redo', 'Show/hide run dock', 'Zoom to fit', 'Undo'];
    expect(fuzzyFilter('zf', labels, (s) => s)[0]).toBe('Zoom to fit');
    expect(fuzzyFilter('un', labels, (s) => s)[0]).toBe('Undo');
  });

  it('ranks a contiguous run above the same letters spread out', () => {
    const contiguous = fuzzyMatch('save', 'Save as…')!;
    const spread = fuzzyMatch('save', 'Show/hide palette view')!;
    expect(contiguous.score).toBeGreaterThan(spread.score);
  });

  it('reports the matched positions for highlighting', () => {
    expect(fuzzyMatch('cp', 'Command palette')!.positions).toEqual([0, 8]);
  });
});
