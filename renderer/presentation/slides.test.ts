import { describe, expect, it } from 'vitest';
import type { DesignNote } from '../../shared/document/types';
import { easeInOut, slidesInReadingOrder, viewportBetween, viewportShowing } from './slides';

const frame = (id: string, x: number, y: number, w = 300, h = 200): DesignNote => ({
  id,
  text: id,
  x,
  y,
  w,
  h,
  style: 'frame',
});

describe('slides: frames in reading order', () => {
  it('reads rows top to bottom and each row left to right, ignoring a few pixels of height', () => {
    const notes = [frame('c', 0, 400), frame('b', 400, 12), frame('a', 0, 0), frame('d', 400, 390)];
    expect(slidesInReadingOrder(notes).map((note) => note.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves sticky notes and text labels out', () => {
    const notes: DesignNote[] = [
      { id: 'sticky', text: '', x: 0, y: 0, w: 10, h: 10 },
      { id: 'label', text: '', x: 0, y: 0, w: 10, h: 10, style: 'text' },
      frame('only', 50, 50),
    ];
    expect(slidesInReadingOrder(notes).map((note) => note.id)).toEqual(['only']);
  });

  it('starts a new row when a frame begins below the middle of the row', () => {
    const notes = [frame('top', 500, 0, 300, 200), frame('lower', 0, 101, 300, 200)];
    expect(slidesInReadingOrder(notes).map((note) => note.id)).toEqual(['top', 'lower']);
  });
});

describe('slides: the camera', () => {
  it('fills the screen with the frame, centred', () => {
    const viewport = viewportShowing({ x: 100, y: 100, w: 400, h: 200 }, { w: 1000, h: 600 }, 50);
    // Width limits: (1000 - 100) / 400 = 2.25; height would allow (600 - 100) / 200 = 2.5.
    expect(viewport.scale).toBeCloseTo(2.25);
    expect(300 * viewport.scale + viewport.x).toBeCloseTo(500);
    expect(200 * viewport.scale + viewport.y).toBeCloseTo(300);
  });

  it('moves from one view to the other, easing in and out', () => {
    const screen = { w: 800, h: 600 };
    const from = { x: 0, y: 0, scale: 1 };
    const to = { x: -800, y: -300, scale: 2 };
    expect(viewportBetween(from, to, 0, screen)).toEqual(from);
    const end = viewportBetween(from, to, 1, screen);
    expect(end.x).toBeCloseTo(to.x);
    expect(end.y).toBeCloseTo(to.y);
    expect(end.scale).toBeCloseTo(2);
    // Halfway in time is halfway on the (geometric) scale.
    expect(viewportBetween(from, to, 0.5, screen).scale).toBeCloseTo(Math.SQRT2);
    expect(easeInOut(0.1)).toBeLessThan(0.1);
    expect(easeInOut(0.9)).toBeGreaterThan(0.9);
  });
});
