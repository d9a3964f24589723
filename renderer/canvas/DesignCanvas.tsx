// <DesignCanvas />: the react-konva stage that shows and edits the design. Layers by how often they
// change (see ./README.md): grid, static (frames, edges, nodes, notes), interaction (drag, marquee,
// connection preview) and an empty live layer for run overlays. Node and edge views are memoised on
// their document objects, so an edit re-renders only what it touched.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Group, Layer, Rect, Shape, Stage, Text } from 'react-konva';
import type Konva from 'konva';
import type { DesignEdge, DesignNode, DesignNote } from '../../shared/document/types';
import { useCanvasTheme, type CanvasTheme } from '../ui/themeColors';
import { useDesignStore } from '../store/designStore';
import { KIND_DRAG_TYPE, useUiStore } from '../store/uiStore';
import { canvasRefs } from './canvasRefs';
import { useCanvasUi } from '../store/canvasUiStore';
import { registerCanvasCommands } from './canvasCommandHandlers';
import { CanvasContextMenu } from './ContextMenu';
import { canvasController } from './controller';
import {
  drawEdge,
  drawNode,
  edgeLabel,
  instanceBadge,
  instanceCount,
  isOffScreen,
  setIconLoadedListener,
} from './drawing';
import { cardKindLine } from './cardText';
import { ExportDialog } from './ExportDialog';
import {
  FRAME_TITLE_HEIGHT,
  NODE_HEIGHT,
  NODE_WIDTH,
  edgeBends,
  routeEdge,
  type Point,
} from '../../shared/document/geometry';
import { InlineEditor } from './InlineEditor';
import { CanvasNotice } from './CanvasNotice';
import { installCanvasAutomation } from './canvasAutomation';
import { installLiveLayer } from './live/liveLayer';
import './canvas.css';

const controller = canvasController;

const NodeView = memo(function NodeView(props: {
  node: DesignNode;
  selected: boolean;
  hovered: boolean;
  theme: CanvasTheme;
}) {
  const { node, selected, hovered, theme } = props;
  const look = useMemo(
    () => ({
      kind: node.kind,
      label: node.label,
      subtitle: cardKindLine(node),
      badge: instanceBadge(node),
      stacked: instanceCount(node),
    }),
    [node],
  );
  return (
    <Shape
      ref={(shape: Konva.Shape | null) => {
        if (!shape) return;
        canvasRefs.nodeShapes.set(node.id, shape);
        return () => {
          if (canvasRefs.nodeShapes.get(node.id) === shape) canvasRefs.nodeShapes.delete(node.id);
        };
      }}
      x={node.x}
      y={node.y}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context, shape) => {
        const x = shape.x();
        const y = shape.y();
        if (isOffScreen(x - NODE_WIDTH / 2, y - NODE_HEIGHT / 2, x + NODE_WIDTH / 2, y + NODE_HEIGHT / 2))
          return;
        drawNode(context, { ...look, selected, hovered, showPorts: hovered || selected, theme });
      }}
    />
  );
});

const EdgeView = memo(function EdgeView(props: {
  edge: DesignEdge;
  from: DesignNode;
  to: DesignNode;
  bend: number;
  selected: boolean;
  theme: CanvasTheme;
}) {
  const { edge, from, to, bend, selected, theme } = props;
  const label = useMemo(() => edgeLabel(edge.params), [edge.params]);
  const dashed = edge.params.async === true;
  return (
    <Shape
      ref={(shape: Konva.Shape | null) => {
        if (!shape) return;
        canvasRefs.edgeShapes.set(edge.id, shape);
        return () => {
          if (canvasRefs.edgeShapes.get(edge.id) === shape) canvasRefs.edgeShapes.delete(edge.id);
        };
      }}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context) => {
        // Re-routed live while either end is being dragged.
        const a: Point = canvasRefs.livePositions.get(from.id) ?? from;
        const b: Point = canvasRefs.livePositions.get(to.id) ?? to;
        const route = routeEdge(a, b, bend);
        // A Bézier lies inside the box of its control points (scalars: this runs per edge per frame).
        const { start, control1, control2, end } = route;
        if (
          isOffScreen(
            Math.min(start.x, control1.x, control2.x, end.x),
            Math.min(start.y, control1.y, control2.y, end.y),
            Math.max(start.x, control1.x, control2.x, end.x),
            Math.max(start.y, control1.y, control2.y, end.y),
          )
        )
          return;
        drawEdge(context, route, { label, dashed, selected, theme });
      }}
    />
  );
});

const NoteView = memo(function NoteView(props: { note: DesignNote; selected: boolean; theme: CanvasTheme }) {
  const { note, selected, theme } = props;
  const style = note.style ?? 'sticky';
  const handle = selected ? (
    <Rect
      x={note.w - 5}
      y={note.h - 5}
      width={10}
      height={10}
      fill={theme.selection}
      stroke={theme.nodeFill}
      strokeWidth={1.5}
      listening={false}
      perfectDrawEnabled={false}
    />
  ) : null;
  return (
    <Group
      ref={(group: Konva.Group | null) => {
        if (!group) return;
        canvasRefs.noteGroups.set(note.id, group);
        return () => {
          if (canvasRefs.noteGroups.get(note.id) === group) canvasRefs.noteGroups.delete(note.id);
        };
      }}
      x={note.x}
      y={note.y}
      listening={false}
    >
      {style === 'frame' ? (
        <>
          <Rect
            width={note.w}
            height={note.h}
            cornerRadius={14}
            fill={theme.frameFill}
            stroke={selected ? theme.selection : theme.frameStroke}
            strokeWidth={selected ? 2.5 : 1.5}
            dash={selected ? undefined : [10, 6]}
            perfectDrawEnabled={false}
          />
          <Text
            x={14}
            y={9}
            width={Math.max(10, note.w - 28)}
            height={FRAME_TITLE_HEIGHT - 9}
            text={note.text || 'Region'}
            fontSize={15}
            fontStyle="bold"
            fontFamily={theme.fontFamily}
            fill={theme.frameLabel}
            ellipsis
            wrap="none"
            perfectDrawEnabled={false}
          />
        </>
      ) : style === 'text' ? (
        <>
          {selected ? (
            <Rect width={note.w} height={note.h} stroke={theme.selection} strokeWidth={1.5} dash={[4, 3]} />
          ) : null}
          <Text
            width={note.w}
            height={note.h}
            text={note.text}
            fontSize={18}
            fontStyle="600"
            fontFamily={theme.fontFamily}
            fill={theme.text}
            verticalAlign="middle"
            padding={4}
            ellipsis
            perfectDrawEnabled={false}
          />
        </>
      ) : (
        <>
          <Rect
            width={note.w}
            height={note.h}
            cornerRadius={4}
            fill={theme.stickyFill}
            stroke={selected ? theme.selection : 'rgba(0,0,0,0.12)'}
            strokeWidth={selected ? 2.5 : 1}
            perfectDrawEnabled={false}
          />
          <Text
            width={note.w}
            height={note.h}
            text={note.text}
            padding={12}
            fontSize={15}
            lineHeight={1.3}
            fontFamily={theme.fontFamily}
            fill={theme.stickyText}
            ellipsis
            perfectDrawEnabled={false}
          />
        </>
      )}
      {handle}
    </Group>
  );
});

function useElementSize(ref: React.RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ w: 800, h: 600 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const w = Math.max(1, Math.round(element.clientWidth));
      const h = Math.max(1, Math.round(element.clientHeight));
      setSize((previous) => (previous.w === w && previous.h === h ? previous : { w, h }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export function DesignCanvas() {
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const gridRef = useRef<Konva.Layer>(null);
  const staticRef = useRef<Konva.Layer>(null);
  const interactionRef = useRef<Konva.Layer>(null);
  const liveRef = useRef<Konva.Layer>(null);
  const size = useElementSize(containerRef);
  const theme = useCanvasTheme();
  const design = useDesignStore((state) => state.design);
  const selection = useDesignStore((state) => state.selection);
  const hoveredNodeId = useCanvasUi((state) => state.hoveredNodeId);
  const placingKind = useUiStore((state) => state.placingKind);
  const exportOpen = useCanvasUi((state) => state.exportDialogOpen);

  useEffect(() => registerCanvasCommands(controller), []);
  useEffect(() => installCanvasAutomation(controller), []);
  // The live run's layer (health, dots, particles) draws over this canvas while a run shows.
  useEffect(() => installLiveLayer(), []);

  useLayoutEffect(() => {
    const container = containerRef.current!;
    const detach = controller.attach(container);
    canvasRefs.stage = stageRef.current;
    canvasRefs.layers = {
      grid: gridRef.current!,
      static: staticRef.current!,
      interaction: interactionRef.current!,
      live: liveRef.current!,
    };
    controller.syncStage();
    canvasRefs.notify();
    setIconLoadedListener(() => staticRef.current?.batchDraw());
    return () => {
      detach();
      canvasRefs.stage = null;
      canvasRefs.layers = null;
      canvasRefs.notify();
    };
  }, []);

  useLayoutEffect(() => {
    controller.setSize(size);
    gridRef.current?.batchDraw();
  }, [size]);

  // Redraw the overlay when the armed palette kind changes (ghost under the cursor).
  useEffect(() => controller.drawOverlay(), [placingKind]);

  const bends = useMemo(() => edgeBends(design.edges), [design.edges]);
  const nodesById = useMemo(() => new Map(design.nodes.map((node) => [node.id, node])), [design.nodes]);
  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const selectedNotes = useMemo(() => new Set(selection.notes), [selection.notes]);
  const frames = design.notes.filter((note) => note.style === 'frame');
  const otherNotes = design.notes.filter((note) => note.style !== 'frame');

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
    if (!kind) return;
    event.preventDefault();
    controller.onDrop(kind, event);
  };

  return (
    <div
      ref={containerRef}
      className="design-canvas"
      data-testid="canvas"
      data-placing={placingKind ?? undefined}
      tabIndex={0}
      aria-label="Design canvas"
      style={{ position: 'relative', width: '100%', height: '100%', overflow: 'hidden', outline: 'none' }}
      onPointerDown={(event) => controller.onPointerDown(event)}
      onPointerMove={(event) => controller.onPointerMove(event)}
      onPointerUp={(event) => controller.onPointerUp(event)}
      onPointerCancel={(event) => controller.onPointerUp(event)}
      onPointerLeave={() => controller.onPointerLeave()}
      onDoubleClick={(event) => controller.onDoubleClick(event)}
      onContextMenu={(event) => {
        event.preventDefault();
        const { target, hit } = controller.contextTargetAt(event);
        useCanvasUi
          .getState()
          .set({ contextMenu: { target, hit, clientX: event.clientX, clientY: event.clientY } });
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <Stage ref={stageRef} width={size.w} height={size.h} listening={false}>
        <Layer ref={gridRef} listening={false}>
          <Shape
            listening={false}
            perfectDrawEnabled={false}
            sceneFunc={(context) => controller.paintGrid(context)}
          />
        </Layer>
        <Layer ref={staticRef} listening={false}>
          {frames.map((note) => (
            <NoteView key={note.id} note={note} selected={selectedNotes.has(note.id)} theme={theme} />
          ))}
          {design.edges.map((edge) => {
            const from = nodesById.get(edge.from);
            const to = nodesById.get(edge.to);
            if (!from || !to) return null;
            return (
              <EdgeView
                key={edge.id}
                edge={edge}
                from={from}
                to={to}
                bend={bends.get(edge.id) ?? 0}
                selected={selectedEdges.has(edge.id)}
                theme={theme}
              />
            );
          })}
          {design.nodes.map((node) => (
            <NodeView
              key={node.id}
              node={node}
              selected={selectedNodes.has(node.id)}
              hovered={hoveredNodeId === node.id}
              theme={theme}
            />
          ))}
          {otherNotes.map((note) => (
            <NoteView key={note.id} note={note} selected={selectedNotes.has(note.id)} theme={theme} />
          ))}
        </Layer>
        <Layer ref={interactionRef} listening={false}>
          <Shape
            ref={(shape: Konva.Shape | null) => controller.setOverlay(shape)}
            listening={false}
            perfectDrawEnabled={false}
            sceneFunc={(context) => controller.paintOverlay(context)}
          />
        </Layer>
        <Layer ref={liveRef} listening={false} />
      </Stage>
      <InlineEditor controller={controller} />
      <CanvasNotice />
      <CanvasContextMenu />
      {exportOpen ? <ExportDialog /> : null}
    </div>
  );
}
