// The run's commands: run.toggle/step/reset and the chaos actions (both in the one list, with their
// keys: K kill, R restart …) are bound here, and the chaos ones put on the canvas context menu for
// nodes, instances and edges. Chaos targets the clicked instance dot if one is selected,
// else the selected nodes (or edges for cut/heal).
import { SLOW_FACTOR } from '../../shared/commands/runCommands';
import type { ChaosAction } from '../../shared/document/types';
import { registerCommands } from '../commands/registry';
import { addContextMenuCommands, CONTEXT_MENU_COMMANDS } from '../canvas/ContextMenu';
import { refreshCommandState } from '../panels/useCommandState';
import { useDesignStore } from '../store/designStore';
import { runClient } from './runClient';
import { liveFrame, useRunStore } from './runStore';
import { openSpikeDialog } from './SpikeDialog';

// Added once, at import: the chaos commands themselves are in the one list
// (shared/commands/runCommands.ts); here they go on the canvas context menus.
if (!CONTEXT_MENU_COMMANDS.node.includes('chaos.kill')) {
  addContextMenuCommands('node', [
    '-',
    'chaos.kill',
    'chaos.hang',
    'chaos.restart',
    'chaos.slow',
    'chaos.flush',
    'chaos.spike',
  ]);
  addContextMenuCommands('edge', ['-', 'chaos.cutToggle']);
}

/** What node-level chaos acts on now: the selected instance, else the selected nodes. */
export function chaosNodeTargets(): string[] {
  const nodes = useDesignStore.getState().selection.nodes;
  const instance = useRunStore.getState().selectedInstance;
  if (instance && nodes.length === 1 && instance.startsWith(`${nodes[0]}:`)) return [instance];
  return nodes;
}

const nodeOf = (target: string) => {
  const design = useDesignStore.getState().design;
  return (
    design.nodes.find((node) => node.id === target) ??
    design.nodes.find((node) => target.startsWith(`${node.id}:`))
  );
};

function isEdgeCut(edgeId: string): boolean {
  const layout = liveFrame.layout;
  if (!layout) return false;
  const e = layout.edgeIds.indexOf(edgeId);
  const field = layout.edgeFields.indexOf('cut');
  return e >= 0 && field >= 0 && liveFrame.edges[e * layout.edgeFields.length + field] === 1;
}

function nodeChaos(action: ChaosAction, extra: { factor?: number; durationS?: number } = {}) {
  for (const target of chaosNodeTargets()) runClient.chaos({ action, target, ...extra });
}

export function registerRunCommands(): () => void {
  const hasNodeTarget = () => chaosNodeTargets().length > 0;
  const unregister = registerCommands({
    'run.toggle': { run: () => runClient.toggle() },
    'run.step': { run: () => runClient.step(), enabled: () => useRunStore.getState().status !== 'running' },
    'run.reset': { run: () => runClient.reset(), enabled: () => runClient.isLoaded },
    'chaos.kill': { run: () => nodeChaos('kill'), enabled: hasNodeTarget },
    'chaos.hang': { run: () => nodeChaos('hang'), enabled: hasNodeTarget },
    'chaos.restart': { run: () => nodeChaos('restart'), enabled: hasNodeTarget },
    'chaos.slow': { run: () => nodeChaos('slow', { factor: SLOW_FACTOR }), enabled: hasNodeTarget },
    'chaos.flush': {
      run: () => nodeChaos('flush'),
      enabled: () =>
        chaosNodeTargets().some((target) => ['cache', 'cdn'].includes(nodeOf(target)?.kind ?? '')),
    },
    'chaos.spike': {
      // Asks for N and S (SpikeDialog), then spikes the selected clients, else every client.
      run: () => {
        const clients = useDesignStore.getState().design.nodes.filter((node) => node.kind === 'client');
        const chosen = clients.filter((client) => chaosNodeTargets().includes(client.id));
        const targets = chosen.length > 0 ? chosen : clients;
        openSpikeDialog({
          targets: targets.map((node) => node.id),
          names: targets.map((node) => node.label),
        });
      },
      enabled: () => useDesignStore.getState().design.nodes.some((node) => node.kind === 'client'),
    },
    'chaos.cutToggle': {
      run: () => {
        for (const edgeId of useDesignStore.getState().selection.edges)
          runClient.chaos({ action: isEdgeCut(edgeId) ? 'heal' : 'cut', target: edgeId });
      },
      enabled: () => useDesignStore.getState().selection.edges.length > 0,
    },
    'chaos.saveLast': {
      run: () => {
        const last = [...useRunStore.getState().log].reverse().find((entry) => runClient.isChaosEntry(entry));
        if (last) runClient.saveAsScenarioStep(last);
      },
      enabled: () => useRunStore.getState().log.some((entry) => runClient.isChaosEntry(entry)),
    },
  });
  // Availability depends on run state too (status, log): refresh when it changes.
  let previous = '';
  const unsubscribe = useRunStore.subscribe((state) => {
    const signature = `${state.status}|${state.log.length > 0}|${state.selectedInstance}`;
    if (signature !== previous) {
      previous = signature;
      refreshCommandState();
    }
  });
  // Clicking elsewhere drops the instance selection.
  const unsubscribeSelection = useDesignStore.subscribe((state, before) => {
    const instance = useRunStore.getState().selectedInstance;
    if (state.selection !== before.selection && instance) {
      const nodes = state.selection.nodes;
      if (!(nodes.length === 1 && instance.startsWith(`${nodes[0]}:`)))
        useRunStore.getState().selectInstance(null);
    }
  });
  return () => {
    unregister();
    unsubscribe();
    unsubscribeSelection();
  };
}
