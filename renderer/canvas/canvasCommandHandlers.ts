// Binds the canvas's commands (ids in shared/commands) to what they do. Every key the canvas reacts
// to is one of these commands; the keyboard, toolbar, menus and context menu all run them.
import { COMPONENT_KINDS } from '../../shared/document/catalog';
import { registerCommands, type CommandHandler } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import {
  addNote,
  alignSelection,
  connectSelection,
  deleteSelection,
  distributeSelection,
  nudgeSelection,
  pastePayload,
  selectedItemCount,
  type AlignMode,
} from '../store/designActions';
import { useUiStore } from '../store/uiStore';
import { useCanvasUi } from '../store/canvasUiStore';
import { copySelection, readClipboard } from './clipboard';
import type { ClipboardPayload } from './clipboardFormat';
import type { CanvasController } from './controller';
import { GRID_SIZE, nodeRect, noteRect, unionRects } from '../../shared/document/geometry';

const ZOOM_STEP = 1.25;
const DUPLICATE_OFFSET = 32;

const hasSelection = () => {
  const { selection } = useDesignStore.getState();
  return selection.nodes.length + selection.notes.length + selection.edges.length > 0;
};

export function registerCanvasCommands(controller: CanvasController): () => void {
  let lastPasted: { payload: ClipboardPayload; count: number } | null = null;
  let lastNudge = { at: 0, key: '', gestureId: '' };
  let nudgeCounter = 0;

  const paste = async () => {
    const payload = await readClipboard();
    if (!payload) {
      useUiStore
        .getState()
        .showNotice({ text: 'The clipboard holds no components or notes to paste.', tone: 'info' });
      return;
    }
    const bounds = unionRects([...payload.nodes.map(nodeRect), ...payload.notes.map(noteRect)])!;
    let offset: { x: number; y: number };
    if (controller.pointer) {
      // Under the cursor, centred.
      const at = controller.snapPoint(controller.placementPoint());
      offset = controller.snapPoint({
        x: at.x - (bounds.x + bounds.w / 2),
        y: at.y - (bounds.y + bounds.h / 2),
      });
    } else {
      const same = lastPasted && JSON.stringify(lastPasted.payload) === JSON.stringify(payload);
      const count = same ? lastPasted!.count + 1 : 1;
      lastPasted = { payload, count };
      offset = { x: DUPLICATE_OFFSET * count, y: DUPLICATE_OFFSET * count };
    }
    pastePayload(payload, offset, 'Paste');
    controller.focus();
  };

  const nudge = (dx: number, dy: number) => {
    const { selection } = useDesignStore.getState();
    const key = [...selection.nodes, '|', ...selection.notes].join(',');
    const now = performance.now();
    // Presses in quick succession on the same selection are one undo step.
    if (key !== lastNudge.key || now - lastNudge.at > 1000) lastNudge.gestureId = `nudge-${++nudgeCounter}`;
    lastNudge = { ...lastNudge, at: now, key };
    nudgeSelection(dx, dy, lastNudge.gestureId);
  };
  const nudgeStep = () => 1;
  const farStep = () => GRID_SIZE;
  const canNudge = () => selectedItemCount() > 0;

  const align = (mode: AlignMode): CommandHandler => ({
    run: () => alignSelection(mode),
    enabled: () => selectedItemCount() >= 2,
  });

  const handlers: Record<string, CommandHandler> = {
    'edit.copy': { run: async () => void (await copySelection()), enabled: () => selectedItemCount() > 0 },
    'edit.cut': {
      run: async () => {
        if (await copySelection()) deleteSelection();
      },
      enabled: () => selectedItemCount() > 0,
    },
    'edit.paste': { run: paste },
    'edit.duplicate': {
      run: () => {
        const { design, selection } = useDesignStore.getState();
        const nodeIds = new Set(selection.nodes);
        const noteIds = new Set(selection.notes);
        pastePayload(
          {
            format: 'backpressure.clipboard',
            nodes: design.nodes.filter((node) => nodeIds.has(node.id)),
            edges: design.edges.filter((edge) => nodeIds.has(edge.from) && nodeIds.has(edge.to)),
            notes: design.notes.filter((note) => noteIds.has(note.id)),
          },
          { x: DUPLICATE_OFFSET, y: DUPLICATE_OFFSET },
          'Duplicate',
        );
      },
      enabled: () => selectedItemCount() > 0,
    },
    'edit.delete': { run: () => deleteSelection(), enabled: hasSelection },
    'edit.selectAll': {
      run: () => {
        const { design } = useDesignStore.getState();
        useDesignStore.getState().setSelection({
          nodes: design.nodes.map((node) => node.id),
          edges: design.edges.map((edge) => edge.id),
          notes: design.notes.map((note) => note.id),
        });
      },
      enabled: () => {
        const { design } = useDesignStore.getState();
        return design.nodes.length + design.notes.length + design.edges.length > 0;
      },
    },
    'edit.connect': {
      run: () => {
        const { design, selection } = useDesignStore.getState();
        const result = connectSelection();
        if (!result.summary && result.refused.length === 0) return;
        // Shown next to the hub: the fan-out's source, else the last-selected node.
        const hubId =
          result.shape === 'fanOut' ? selection.nodes[0] : selection.nodes[selection.nodes.length - 1];
        const hub = design.nodes.find((node) => node.id === hubId);
        const at = hub ? controller.worldToClient({ x: hub.x, y: hub.y - 40 }) : undefined;
        const text = [result.summary ? `${result.summary}.` : 'Nothing connected.', ...result.refused].join(
          ' ',
        );
        useUiStore.getState().showNotice({ text, at, tone: result.refused.length > 0 ? 'warning' : 'info' });
      },
      enabled: () => useDesignStore.getState().selection.nodes.length >= 2,
    },
    'edit.rename': {
      run: () => {
        const { selection } = useDesignStore.getState();
        if (selection.nodes.length === 1)
          useCanvasUi.getState().set({ editing: { type: 'node', id: selection.nodes[0] } });
        else if (selection.notes.length === 1)
          useCanvasUi.getState().set({ editing: { type: 'note', id: selection.notes[0] } });
      },
      enabled: () => {
        const { selection } = useDesignStore.getState();
        return selection.nodes.length + selection.notes.length === 1;
      },
    },
    'edit.deselect': {
      run: () => {
        const ui = useCanvasUi.getState();
        if (ui.contextMenu) return ui.set({ contextMenu: null });
        if (controller.cancelGesture()) return;
        if (useUiStore.getState().placingKind) return useUiStore.getState().setPlacingKind(null);
        useDesignStore.getState().setSelection({});
      },
      enabled: () =>
        hasSelection() ||
        controller.gesture.state !== 'idle' ||
        useCanvasUi.getState().contextMenu !== null ||
        useUiStore.getState().placingKind !== null,
    },
    'edit.nudgeLeft': { run: () => nudge(-nudgeStep(), 0), enabled: canNudge },
    'edit.nudgeRight': { run: () => nudge(nudgeStep(), 0), enabled: canNudge },
    'edit.nudgeUp': { run: () => nudge(0, -nudgeStep()), enabled: canNudge },
    'edit.nudgeDown': { run: () => nudge(0, nudgeStep()), enabled: canNudge },
    'edit.nudgeLeftFar': { run: () => nudge(-farStep(), 0), enabled: canNudge },
    'edit.nudgeRightFar': { run: () => nudge(farStep(), 0), enabled: canNudge },
    'edit.nudgeUpFar': { run: () => nudge(0, -farStep()), enabled: canNudge },
    'edit.nudgeDownFar': { run: () => nudge(0, farStep()), enabled: canNudge },
    'arrange.alignLeft': align('left'),
    'arrange.alignCenter': align('center'),
    'arrange.alignRight': align('right'),
    'arrange.alignTop': align('top'),
    'arrange.alignMiddle': align('middle'),
    'arrange.alignBottom': align('bottom'),
    'arrange.distributeHorizontal': {
      run: () => distributeSelection('horizontal'),
      enabled: () => selectedItemCount() >= 3,
    },
    'arrange.distributeVertical': {
      run: () => distributeSelection('vertical'),
      enabled: () => selectedItemCount() >= 3,
    },
    'insert.note': { run: () => insertNote('sticky') },
    'insert.frame': { run: () => insertNote('frame') },
    'insert.text': { run: () => insertNote('text') },
    'view.zoomIn': { run: () => controller.zoomBy(ZOOM_STEP) },
    'view.zoomOut': { run: () => controller.zoomBy(1 / ZOOM_STEP) },
    'view.zoomToFit': { run: () => controller.zoomToFit() },
    'view.toggleSnap': {
      run: () => {
        const snapToGrid = !useCanvasUi.getState().snapToGrid;
        useCanvasUi.getState().set({ snapToGrid });
        useUiStore
          .getState()
          .showNotice({ text: snapToGrid ? 'Snap to grid on' : 'Snap to grid off', tone: 'info' });
      },
    },
    'file.exportPng': {
      run: () => useCanvasUi.getState().set({ exportDialogOpen: true, exportFormat: 'png' }),
      enabled: hasContent,
    },
    'file.exportSvg': {
      run: () => useCanvasUi.getState().set({ exportDialogOpen: true, exportFormat: 'svg' }),
      enabled: hasContent,
    },
  };
  for (const kind of COMPONENT_KINDS) {
    handlers[`place.${kind}`] = { run: () => void controller.placeKind(kind) };
  }

  function hasContent() {
    const { design } = useDesignStore.getState();
    return design.nodes.length + design.notes.length > 0;
  }

  function insertNote(style: 'sticky' | 'frame' | 'text') {
    const at = controller.snapPoint(controller.placementPoint());
    const id = addNote(style, at);
    controller.focus();
    // Straight into typing, like a whiteboard (unless the design holds no more notes).
    if (id) useCanvasUi.getState().set({ editing: { type: 'note', id } });
  }

  return registerCommands(handlers);
}
