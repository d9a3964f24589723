// Theme colours for what CSS cannot reach: Konva draws on a <canvas>, so the canvas reads its colours
// from `canvasTheme` (via `useCanvasTheme()`), kept in step with the CSS variables in ./theme.css.
import { useSyncExternalStore } from 'react';
import { useUiStore, type ThemeChoice } from '../store/uiStore';

export type ResolvedTheme = 'light' | 'dark';

export interface CanvasTheme {
  /** Stage background and the dot/line grid on it. */
  background: string;
  grid: string;
  gridMajor: string;
  /** Node body, its border, title text and secondary text (kind, instance count). */
  nodeFill: string;
  nodeStroke: string;
  nodeText: string;
  nodeSubtext: string;
  /** Icon stroke inside a node. */
  nodeIcon: string;
  /** Selection outline, marquee and hover. */
  selection: string;
  marqueeFill: string;
  marqueeStroke: string;
  hover: string;
  /** Connection ports and the edge being drawn. */
  port: string;
  edge: string;
  edgeSelected: string;
  edgeLabel: string;
  edgeLabelBackground: string;
  /** A refused connection or an invalid drop. */
  refused: string;
  stickyFill: string;
  stickyText: string;
  frameStroke: string;
  frameFill: string;
  frameLabel: string;
  text: string;
  /** Live-run status colours (healthy, warning, failing) for gauges and instance dots. */
  ok: string;
  warning: string;
  danger: string;
  fontFamily: string;
}

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export const canvasThemes: Record<ResolvedTheme, CanvasTheme> = {
  light: {
    background: '#f7f8fa',
    grid: '#e7eaef',
    gridMajor: '#d5dae2',
    nodeFill: '#ffffff',
    nodeStroke: '#9aa3b2',
    nodeText: '#1b2130',
    nodeSubtext: '#4d5666',
    nodeIcon: '#2a3344',
    selection: '#2563d9',
    marqueeFill: 'rgba(37, 99, 217, 0.08)',
    marqueeStroke: '#2563d9',
    hover: '#7aa2ea',
    port: '#2563d9',
    edge: '#5b6475',
    edgeSelected: '#2563d9',
    edgeLabel: '#2a3344',
    edgeLabelBackground: '#ffffff',
    refused: '#c62828',
    stickyFill: '#fff3b0',
    stickyText: '#3a3000',
    frameStroke: '#8a94a6',
    frameFill: 'rgba(120, 135, 160, 0.06)',
    frameLabel: '#3b4456',
    text: '#1b2130',
    ok: '#1f7a3d',
    warning: '#b35c00',
    danger: '#c62828',
    fontFamily,
  },
  dark: {
    background: '#14171d',
    grid: '#1f242d',
    gridMajor: '#2a313c',
    nodeFill: '#1f242e',
    nodeStroke: '#59637a',
    nodeText: '#e8ebf1',
    nodeSubtext: '#a9b1bf',
    nodeIcon: '#d5dae3',
    selection: '#6ea2ff',
    marqueeFill: 'rgba(110, 162, 255, 0.12)',
    marqueeStroke: '#6ea2ff',
    hover: '#4f77c0',
    port: '#6ea2ff',
    edge: '#8c96a8',
    edgeSelected: '#6ea2ff',
    edgeLabel: '#d5dae3',
    edgeLabelBackground: '#1c2028',
    refused: '#ff7a7a',
    stickyFill: '#5c5224',
    stickyText: '#fff6c9',
    frameStroke: '#6b7588',
    frameFill: 'rgba(140, 155, 180, 0.07)',
    frameLabel: '#c3cad6',
    text: '#e8ebf1',
    ok: '#5cc983',
    warning: '#f0a848',
    danger: '#ff7a7a',
    fontFamily,
  },
};

/** The high-contrast option (presentation on a projector): pure ink on paper, strong outlines. */
export const highContrastCanvasThemes: Record<ResolvedTheme, CanvasTheme> = {
  light: {
    ...canvasThemes.light,
    background: '#ffffff',
    grid: '#eeeeee',
    gridMajor: '#dddddd',
    nodeFill: '#ffffff',
    nodeStroke: '#000000',
    nodeText: '#000000',
    nodeSubtext: '#1a1a1a',
    nodeIcon: '#000000',
    selection: '#0040c0',
    edge: '#000000',
    edgeLabel: '#000000',
    edgeLabelBackground: '#ffffff',
    frameStroke: '#000000',
    frameFill: 'rgba(0, 0, 0, 0.02)',
    frameLabel: '#000000',
    stickyText: '#000000',
    text: '#000000',
    ok: '#005c1f',
    warning: '#8a3d00',
    danger: '#b00000',
  },
  dark: {
    ...canvasThemes.dark,
    background: '#000000',
    grid: '#1a1a1a',
    gridMajor: '#2a2a2a',
    nodeFill: '#000000',
    nodeStroke: '#ffffff',
    nodeText: '#ffffff',
    nodeSubtext: '#f0f0f0',
    nodeIcon: '#ffffff',
    selection: '#7fb2ff',
    edge: '#ffffff',
    edgeLabel: '#ffffff',
    edgeLabelBackground: '#000000',
    frameStroke: '#ffffff',
    frameFill: 'rgba(255, 255, 255, 0.03)',
    frameLabel: '#ffffff',
    stickyText: '#fffbe0',
    text: '#ffffff',
    ok: '#6cf29a',
    warning: '#ffc060',
    danger: '#ff8a8a',
  },
};

const themeSet = (highContrast: boolean) => (highContrast ? highContrastCanvasThemes : canvasThemes);

const darkQuery = () =>
  typeof window !== 'undefined' && window.matchMedia
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;

function subscribeSystemTheme(listener: () => void): () => void {
  const query = darkQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

const systemTheme = (): ResolvedTheme => (darkQuery()?.matches ? 'dark' : 'light');

/** The theme actually shown: the user's choice, or the OS preference for 'system'. */
export function resolveTheme(choice: ThemeChoice, system: ResolvedTheme): ResolvedTheme {
  return choice === 'system' ? system : choice;
}

export function useResolvedTheme(): ResolvedTheme {
  const choice = useUiStore((state) => state.theme);
  const system = useSyncExternalStore(subscribeSystemTheme, systemTheme, () => 'light' as const);
  return resolveTheme(choice, system);
}

/** Konva colours for the current theme; re-renders the caller when the theme changes. */
export function useCanvasTheme(): CanvasTheme {
  const highContrast = useUiStore((state) => state.highContrast);
  return themeSet(highContrast)[useResolvedTheme()];
}

/** Non-React read (e.g. PNG export): the current canvas colours. */
export function currentCanvasTheme(): CanvasTheme {
  const { theme, highContrast } = useUiStore.getState();
  return themeSet(highContrast)[resolveTheme(theme, systemTheme())];
}

/** The order `view.toggleTheme` cycles through. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system';
}
