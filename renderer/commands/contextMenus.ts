// Which commands the canvas's right-click menu lists per target, in order. The canvas draws the
// menu (canvas/ContextMenu.tsx); features add their own entries here (the live run adds chaos
// actions), so they register with the commands layer and never import the canvas.

export type ContextTarget = 'node' | 'edge' | 'note' | 'canvas';

/** '-' is a separator. */
export const CONTEXT_MENU_COMMANDS: Record<ContextTarget, string[]> = {
  node: [
    'edit.rename',
    'edit.connect',
    '-',
    'edit.cut',
    'edit.copy',
    'edit.paste',
    'edit.duplicate',
    'edit.delete',
    '-',
    'arrange.alignLeft',
    'arrange.alignCenter',
    'arrange.alignTop',
    'arrange.alignMiddle',
    'arrange.distributeHorizontal',
    'arrange.distributeVertical',
  ],
  edge: ['edit.delete'],
  note: ['edit.rename', '-', 'edit.cut', 'edit.copy', 'edit.duplicate', 'edit.delete'],
  canvas: [
    'edit.paste',
    'edit.selectAll',
    '-',
    'insert.note',
    'insert.frame',
    'insert.text',
    '-',
    'view.zoomToFit',
    'view.toggleSnap',
    'file.exportPng',
    'file.exportSvg',
  ],
};

export function addContextMenuCommands(target: ContextTarget, ids: string[]): void {
  CONTEXT_MENU_COMMANDS[target].push(...ids);
}

/** A label that depends on what the command acts on now (e.g. "Kill leader" on a replicated DB). */
const labelOverrides = new Map<string, () => string | null>();
export function setContextMenuLabel(id: string, label: () => string | null): void {
  labelOverrides.set(id, label);
}

/** The label a command shows in the menu now, when a feature overrides it. */
export const contextMenuLabel = (id: string): string | null => labelOverrides.get(id)?.() ?? null;
