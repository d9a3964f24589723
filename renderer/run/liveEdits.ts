// The design stays editable while it runs: parameter edits go to the engine as hot edits; a
// structural edit (a node or connection added or removed, a kind changed) or new run settings
// (seed, duration, warm-up) restart the run with a short notice. Labels, positions, notes, the
// SLO and saved scenario steps do not touch the running simulation.
import { CATALOG, EDGE_PARAMS, resolveParams, type ParamSpecs } from '../../shared/document/catalog';
import type { Design, Params } from '../../shared/document/types';
import { useDesignStore } from '../store/designStore';
import { runClient } from './runClient';

export type DesignChange =
  | { type: 'none' }
  | { type: 'restart'; reason: string }
  | { type: 'params'; edits: { id: string; params: Params }[] };

/** The params that differ; a removed one goes back to its catalog default (or is unbounded). */
function changedParams(before: Params, after: Params, specs: ParamSpecs): Params | null {
  const changed: Params = {};
  let any = false;
  const resolved = resolveParams(specs, after);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] === after[key]) continue;
    const value = after[key] ?? resolved[key];
    if (value === undefined) continue;
    changed[key] = value;
    any = true;
  }
  return any ? changed : null;
}

/** What a document change means for a running simulation. */
export function classifyChange(before: Design, after: Design): DesignChange {
  if (before === after) return { type: 'none' };
  const a = before.scenario;
  const b = after.scenario;
  if (a.seed !== b.seed || a.durationS !== b.durationS || a.warmupS !== b.warmupS)
    return { type: 'restart', reason: 'Run settings changed: the run restarted from 0 s.' };
  if (before.nodes !== after.nodes || before.edges !== after.edges) {
    const nodesBefore = new Map(before.nodes.map((node) => [node.id, node]));
    const edgesBefore = new Map(before.edges.map((edge) => [edge.id, edge]));
    const structural =
      before.nodes.length !== after.nodes.length ||
      before.edges.length !== after.edges.length ||
      after.nodes.some((node) => nodesBefore.get(node.id)?.kind !== node.kind) ||
      after.edges.some((edge) => {
        const old = edgesBefore.get(edge.id);
        return !old || old.from !== edge.from || old.to !== edge.to;
      });
    if (structural)
      return { type: 'restart', reason: 'The design’s structure changed: the run restarted from 0 s.' };
    const edits: { id: string; params: Params }[] = [];
    for (const node of after.nodes) {
      const old = nodesBefore.get(node.id)!;
      if (old.params === node.params) continue;
      const params = changedParams(old.params, node.params, CATALOG[node.kind]?.params ?? {});
      if (params) edits.push({ id: node.id, params });
    }
    for (const edge of after.edges) {
      const old = edgesBefore.get(edge.id)!;
      if (old.params === edge.params) continue;
      const params = changedParams(old.params, edge.params, EDGE_PARAMS);
      if (params) edits.push({ id: edge.id, params });
    }
    if (edits.length > 0) return { type: 'params', edits };
  }
  return { type: 'none' };
}

/** Follows the document while a run exists. */
export function installLiveEdits(): () => void {
  return useDesignStore.subscribe((state, previous) => {
    if (state.design === previous.design || !runClient.isLoaded) return;
    // A different document (new, open, load) starts over quietly, idle.
    if (state.file !== previous.file || (state.past.length === 0 && state.future.length === 0)) {
      runClient.unload();
      return;
    }
    const change = classifyChange(previous.design, state.design);
    if (change.type === 'restart') runClient.restart(change.reason);
    else if (change.type === 'params')
      for (const edit of change.edits) runClient.editParams(edit.id, edit.params);
  });
}
