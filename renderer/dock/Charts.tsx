// The six streaming charts. One feed loop (a few times a second) reads the run's history and pushes
// it to each chart's uPlot; React only re-renders when a chart's set of series changes (a node is
// selected, a new failure reason appears) or the theme changes.
import { createRef, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useDesignStore } from '../store/designStore';
import { useResolvedTheme } from '../ui/themeColors';
import { ChartCard, type ChartHandle } from './ChartCard';
import { chartTheme } from './chartTheme';
import { CHART_IDS, chartModel, dockNodesOf, type ChartModel, type SeriesContext } from './series';
import { setCursorS, useDockRun } from './runSource';
import { onDockTick } from './useThrottledRun';
import { cursorAtFraction } from './timeline';

const modelKey = (model: ChartModel) =>
  `${model.title}|${model.emptyReason ?? ''}|${model.series.map((s) => `${s.key}:${s.label}:${s.style}`).join(',')}`;

function currentContext(): SeriesContext {
  const { design, selection } = useDesignStore.getState();
  return {
    nodes: dockNodesOf(design),
    selectedNodeIds: selection.nodes,
    slo: design.slo,
  };
}

function currentModels(): ChartModel[] {
  const context = currentContext();
  const history = useDockRun.getState().history;
  return CHART_IDS.map((id) => chartModel(id, history, context));
}

export function Charts() {
  const themeName = useResolvedTheme();
  const theme = useMemo(() => chartTheme(themeName), [themeName]);
  const [models, setModels] = useState<ChartModel[]>(currentModels);
  const handles = useRef<RefObject<ChartHandle | null>[]>(CHART_IDS.map(() => createRef<ChartHandle>()));
  const renderedKeys = useRef<string[]>(models.map(modelKey));

  useEffect(() => {
    renderedKeys.current = models.map(modelKey);
    let pushedHistory: unknown = null;
    let pushedVersion = -1;
    let pushedCursor: number | null | undefined;
    let pushedDesign: unknown = null;
    let pushedSelection: unknown = null;
    let force = true; // first tick after a (re)build: push everything
    const tick = () => {
      const { history, historyVersion, cursorS } = useDockRun.getState();
      const { design, selection } = useDesignStore.getState();
      const contextChanged = pushedDesign !== design || pushedSelection !== selection;
      const context = currentContext();
      const next = CHART_IDS.map((id) => chartModel(id, history, context));
      const keys = next.map(modelKey);
      if (keys.some((key, i) => key !== renderedKeys.current[i])) {
        setModels(next); // rebuilds the affected charts; this effect restarts with force
        return;
      }
      const dataChanged =
        force || history !== pushedHistory || historyVersion !== pushedVersion || contextChanged;
      if (!dataChanged && cursorS === pushedCursor) return;
      next.forEach((model, i) => handles.current[i].current?.update(model, history, cursorS, dataChanged));
      pushedHistory = history;
      pushedVersion = historyVersion;
      pushedCursor = cursorS;
      pushedDesign = design;
      pushedSelection = selection;
      force = false;
    };
    tick();
    const stopTicks = onDockTick(tick);
    // Scrubbing must follow the pointer, not the refresh rate.
    const unsubscribe = useDockRun.subscribe((state, previous) => {
      if (state.cursorS !== previous.cursorS) tick();
    });
    return () => {
      stopTicks();
      unsubscribe();
    };
  }, [models, theme]);

  const scrub = (tS: number) => {
    const { history } = useDockRun.getState();
    const first = history.firstS();
    const last = history.lastS();
    if (first === null || last === null) return;
    setCursorS(cursorAtFraction(tS / last, last, first, last));
  };

  return (
    <div className="run-charts">
      {models.map((model, i) => (
        <ChartCard key={model.id} model={model} theme={theme} onScrub={scrub} ref={handles.current[i]} />
      ))}
    </div>
  );
}
