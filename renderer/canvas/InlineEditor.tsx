// Inline editing over the canvas: a node's label (double-click or F2) or a note's text. Enter
// commits one undo step, Escape cancels, leaving the field commits; a text too long for a design
// file is refused (the store's notice says why) and stays in the field. These keys belong to the text
// field itself (like typing), not to the command registry.
import { useEffect, useRef } from 'react';
import { useDesignStore } from '../store/designStore';
import { renameNode, setNoteText } from '../store/designActions';
import { useCanvasUi } from '../store/canvasUiStore';
import type { CanvasController } from './controller';
import { NODE_HEIGHT, NODE_WIDTH, nodeRect, noteRect } from '../../shared/document/geometry';

export function InlineEditor({ controller }: { controller: CanvasController }) {
  const editing = useCanvasUi((state) => state.editing);
  const design = useDesignStore((state) => state.design);
  const viewport = useDesignStore((state) => state.viewport);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const doneRef = useRef(false);

  const node = editing?.type === 'node' ? design.nodes.find((n) => n.id === editing.id) : undefined;
  const note = editing?.type === 'note' ? design.notes.find((n) => n.id === editing.id) : undefined;

  useEffect(() => {
    doneRef.current = false;
    const field = fieldRef.current;
    if (field) {
      field.focus();
      field.select();
    }
  }, [editing]);

  if (!editing || (!node && !note)) return null;

  const finish = (commit: boolean) => {
    if (doneRef.current) return;
    doneRef.current = true;
    const value = fieldRef.current?.value ?? '';
    if (commit) {
      const result = node ? renameNode(node.id, value) : setNoteText(note!.id, value);
      if (result === 'refused') {
        // Too long for a design file (the store's notice says so): keep the text to shorten it.
        doneRef.current = false;
        fieldRef.current?.focus();
        return;
      }
    }
    useCanvasUi.getState().set({ editing: null });
    controller.focus();
  };

  const rect = node ? nodeRect(node) : noteRect(note!);
  const topLeft = { x: rect.x * viewport.scale + viewport.x, y: rect.y * viewport.scale + viewport.y };
  const common = {
    ref: fieldRef,
    className: 'canvas-inline-editor',
    'data-testid': 'canvas-inline-editor',
    defaultValue: node ? node.label : note!.text,
    onBlur: () => finish(true),
    onPointerDown: (event: React.PointerEvent) => event.stopPropagation(),
    onKeyDown: (event: React.KeyboardEvent) => {
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        finish(true);
      }
    },
  };
  if (node) {
    // Over the label line of the card, at the card's zoom.
    const scale = viewport.scale;
    return (
      <input
        {...common}
        aria-label="Component name"
        style={{
          position: 'absolute',
          left: topLeft.x + 58 * scale,
          top: topLeft.y + (NODE_HEIGHT / 2 - 22) * scale,
          width: (NODE_WIDTH - 66) * scale,
          height: 26 * scale,
          fontSize: 15 * scale,
        }}
      />
    );
  }
  const scale = viewport.scale;
  const style = note!.style ?? 'sticky';
  const multiline = style === 'sticky';
  const box = {
    position: 'absolute' as const,
    left: topLeft.x,
    top: topLeft.y,
    width: rect.w * scale,
    height: (style === 'frame' ? 30 : rect.h) * scale,
    fontSize: (style === 'text' ? 18 : 15) * scale,
  };
  return multiline ? (
    <textarea {...common} aria-label="Note text" style={{ ...box, padding: 12 * scale }} />
  ) : (
    <input {...common} aria-label={style === 'frame' ? 'Frame title' : 'Text'} style={box} />
  );
}
