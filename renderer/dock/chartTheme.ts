// Chart colours and line styles. Series colours are the Okabe–Ito colour-blind-safe palette (tuned
// per theme for contrast on the panel background), and every series also has its own dash pattern,
// so lines stay distinguishable in greyscale and for every kind of colour vision.
import { canvasThemes, type ResolvedTheme } from '../ui/themeColors';

export interface ChartTheme {
  series: readonly string[];
  /** The SLO line and failing values. */
  reference: string;
  axis: string;
  grid: string;
  cursor: string;
  font: string;
}

/** Solid, long dash, dots, dash-dot, short dash, long-short: one per series slot. */
export const SERIES_DASHES: readonly number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [14, 4, 4, 4]];

/** Okabe–Ito-style colour-blind-safe series colours, tuned per background. */
const SERIES_COLOURS: Record<ResolvedTheme, string[]> = {
  dark: ['#56b4e9', '#e69f00', '#3fc69b', '#e08fc0', '#f0e442', '#ff8a4c'],
  light: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56b4e9'],
};

export function chartTheme(theme: ResolvedTheme): ChartTheme {
  const canvas = canvasThemes[theme];
  return {
    series: SERIES_COLOURS[theme],
    reference: canvas.danger,
    axis: canvas.nodeSubtext,
    grid: canvas.grid,
    cursor: canvas.selection,
    font: `13px ${canvas.fontFamily}`,
  };
}

export function seriesColour(theme: ChartTheme, style: number): string {
  return theme.series[style % theme.series.length];
}

export function seriesDash(style: number): number[] {
  return SERIES_DASHES[style % SERIES_DASHES.length];
}

/** The axis style every uPlot chart uses (dock, sweep, compare; the report scales it by `k`). */
export function chartAxis(theme: ChartTheme, k = 1, font = theme.font) {
  return {
    stroke: theme.axis,
    font,
    grid: { stroke: theme.grid, width: 1 * k },
    ticks: { stroke: theme.grid, width: 1 * k, size: 4 * k },
  };
}
