// PNG export of the whole design or the selection, at 1× or 2×, on a transparent or themed
// background. Konva re-draws the layers onto an off-screen canvas covering the content (not just the
// visible part); selection and hover decorations are hidden while it does. The SVG export
// (`exportSvg` below, drawn by ./exportSvg.ts from the document) takes the same scope and background.
import type Konva from 'konva';
import { currentCanvasTheme } from '../ui/themeColors';
import { getDesktopApi } from '../platform/getDesktopApi';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { canvasRefs } from './canvasRefs';
import { useCanvasUi } from '../store/canvasUiStore';
import { setForceDetail } from './drawing';
import { designBounds, worldToScreen } from '../../shared/document/geometry';
import { designSvg } from './exportSvg';

export interface PngOptions {
  scope: 'design' | 'selection';
  /** Output pixels per world unit. */
  scale: 1 | 2;
  background: 'themed' | 'transparent';
}

const PADDING = 32;

/** Renders the PNG; null with a reason when there is nothing to export. */
export async function renderPng(
  options: PngOptions,
): Promise<{ png: Uint8Array; width: number; height: number } | { refused: string }> {
  const stage = canvasRefs.stage;
  const layers = canvasRefs.layers;
  if (!stage || !layers) return { refused: 'The canvas is not ready yet.' };
  const { design, selection, viewport } = useDesignStore.getState();
  const onlySelection = options.scope === 'selection';
  const nodeIds = new Set(selection.nodes);
  const noteIds = new Set(selection.notes);
  const bounds = designBounds(design, onlySelection ? { nodes: nodeIds, notes: noteIds } : undefined);
  if (!bounds)
    return {
      refused: onlySelection ? 'Nothing is selected to export.' : 'The design is empty: nothing to export.',
    };

  // Hide what is not exported: unselected items (for a selection export) and the editing chrome.
  const hidden: Konva.Node[] = [];
  const hide = (node: Konva.Node | undefined) => {
    if (node && node.visible()) {
      node.visible(false);
      hidden.push(node);
    }
  };
  if (onlySelection) {
    for (const [id, shape] of canvasRefs.nodeShapes) if (!nodeIds.has(id)) hide(shape);
    for (const [id, group] of canvasRefs.noteGroups) if (!noteIds.has(id)) hide(group);
    for (const edge of design.edges) {
      if (!nodeIds.has(edge.from) || !nodeIds.has(edge.to)) hide(canvasRefs.edgeShapes.get(edge.id));
    }
  }
  hide(layers.grid);
  hide(layers.interaction);
  hide(layers.live);
  const savedSelection = selection;
  const savedHover = useCanvasUi.getState().hoveredNodeId;
  // Selection outlines and ports are not part of the picture; React re-renders without them.
  useDesignStore.getState().setSelection({});
  useCanvasUi.getState().set({ hoveredNodeId: null });
  await new Promise((resolve) => setTimeout(resolve, 0));

  let canvas: HTMLCanvasElement;
  setForceDetail(true);
  try {
    const topLeft = worldToScreen(viewport, { x: bounds.x - PADDING, y: bounds.y - PADDING });
    const width = (bounds.w + 2 * PADDING) * viewport.scale;
    const height = (bounds.h + 2 * PADDING) * viewport.scale;
    canvas = stage.toCanvas({
      x: topLeft.x,
      y: topLeft.y,
      width,
      height,
      pixelRatio: options.scale / viewport.scale,
    });
  } finally {
    setForceDetail(false);
    hidden.forEach((node) => node.visible(true));
    useDesignStore.getState().setSelection(savedSelection);
    useCanvasUi.getState().set({ hoveredNodeId: savedHover });
    stage.batchDraw();
  }

  let output = canvas;
  if (options.background === 'themed') {
    output = document.createElement('canvas');
    output.width = canvas.width;
    output.height = canvas.height;
    const context = output.getContext('2d')!;
    context.fillStyle = currentCanvasTheme().background;
    context.fillRect(0, 0, output.width, output.height);
    context.drawImage(canvas, 0, 0);
  }
  const blob = await new Promise<Blob | null>((resolve) => output.toBlob(resolve, 'image/png'));
  if (!blob) return { refused: 'The image is too large to export; try 1× or export the selection.' };
  return { png: new Uint8Array(await blob.arrayBuffer()), width: output.width, height: output.height };
}

export function pngFileName(title: string, scope: PngOptions['scope']): string {
  const base =
    title
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Untitled design';
  return `${base}${scope === 'selection' ? ' (selection)' : ''}.png`;
}

/** The SVG of the design or the selection, in the current theme (null with a reason when empty). */
export function renderSvg(
  options: Pick<PngOptions, 'scope' | 'background'>,
): { svg: string; width: number; height: number } | { refused: string } {
  const { design, selection } = useDesignStore.getState();
  const onlySelection = options.scope === 'selection';
  const picture = designSvg(design, {
    only: onlySelection ? { nodes: new Set(selection.nodes), notes: new Set(selection.notes) } : undefined,
    background: options.background,
    theme: currentCanvasTheme(),
  });
  if (!picture)
    return {
      refused: onlySelection ? 'Nothing is selected to export.' : 'The design is empty: nothing to export.',
    };
  return picture;
}

/** Renders the SVG and hands it to the platform (save dialog on desktop, a download in the browser). */
export async function exportSvg(options: Pick<PngOptions, 'scope' | 'background'>): Promise<boolean> {
  const result = renderSvg(options);
  if ('refused' in result) {
    useUiStore.getState().showNotice({ text: result.refused, tone: 'warning' });
    return false;
  }
  const name = pngFileName(useDesignStore.getState().design.meta.title, options.scope).replace(
    /\.png$/,
    '.svg',
  );
  const saved = await getDesktopApi().exportFile('svg', result.svg, name);
  if (saved.status === 'failed') {
    useUiStore.getState().showNotice({ text: `Export failed: ${saved.message}`, tone: 'error' });
    return false;
  }
  return saved.status === 'saved';
}

/** Renders and hands the PNG to the platform (save dialog on desktop, a download in the browser). */
export async function exportPng(options: PngOptions): Promise<boolean> {
  const result = await renderPng(options);
  if ('refused' in result) {
    useUiStore.getState().showNotice({ text: result.refused, tone: 'warning' });
    return false;
  }
  const name = pngFileName(useDesignStore.getState().design.meta.title, options.scope);
  const saved = await getDesktopApi().exportPng(result.png, name);
  if (saved.status === 'failed') {
    useUiStore.getState().showNotice({ text: `Export failed: ${saved.message}`, tone: 'error' });
    return false;
  }
  return saved.status === 'saved';
}
