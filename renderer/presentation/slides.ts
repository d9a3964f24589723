// Frames as slides: the design's frames (notes with style 'frame') in reading order, and the camera
// that shows one. Pure: no React, no Konva, so it is unit-tested and the commands stay thin.
import type { DesignNote } from '../../shared/document/types';
import { clampScale, type Rect, type Viewport } from '../../shared/document/geometry';

/**
 * Frames in reading order: top to bottom, and left to right within a row. A frame joins the
 * current row when its top is above the middle of the row's first frame, so frames drawn "about
 * level" by hand read left to right rather than by a few pixels of height.
 */
export function slidesInReadingOrder(notes: readonly DesignNote[]): DesignNote[] {
  const frames = notes.filter((note) => note.style === 'frame').sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: DesignNote[][] = [];
  for (const frame of frames) {
    const row = rows[rows.length - 1];
    if (row && frame.y < row[0]!.y + row[0]!.h / 2) row.push(frame);
    else rows.push([frame]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.x - b.x));
}

/** The viewport that fills a screen of `screen` pixels with `bounds`, centred, `paddingPx` around. */
export function viewportShowing(bounds: Rect, screen: { w: number; h: number }, paddingPx = 32): Viewport {
  const scale = clampScale(
    Math.min(
      (screen.w - 2 * paddingPx) / Math.max(1, bounds.w),
      (screen.h - 2 * paddingPx) / Math.max(1, bounds.h),
    ),
  );
  return {
    scale,
    x: screen.w / 2 - (bounds.x + bounds.w / 2) * scale,
    y: screen.h / 2 - (bounds.y + bounds.h / 2) * scale,
  };
}

/** Ease in and out (cubic): the camera starts and lands softly. */
export function easeInOut(t: number): number {
  const clamped = Math.min(1, Math.max(0, t));
  return clamped < 0.5 ? 4 * clamped ** 3 : 1 - (-2 * clamped + 2) ** 3 / 2;
}

/**
 * The camera at fraction `t` of a move from `from` to `to`. The scale moves geometrically and the
 * world point at the screen centre moves linearly, so a zoom-out-and-across never swings sideways.
 */
export function viewportBetween(
  from: Viewport,
  to: Viewport,
  t: number,
  screen: { w: number; h: number },
): Viewport {
  const k = easeInOut(t);
  const scale = from.scale * (to.scale / from.scale) ** k;
  const centreOf = (v: Viewport) => ({
    x: (screen.w / 2 - v.x) / v.scale,
    y: (screen.h / 2 - v.y) / v.scale,
  });
  const a = centreOf(from);
  const b = centreOf(to);
  const centre = { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
  return { scale, x: screen.w / 2 - centre.x * scale, y: screen.h / 2 - centre.y * scale };
}
