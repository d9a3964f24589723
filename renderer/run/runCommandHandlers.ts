// The run's commands: run.toggle/step/reset and the chaos actions (both in the one list, with their
// keys: K kill, R restart …) are bound here, and the chaos ones put on the canvas context menu for
// nodes, instances and edges. Chaos targets the clicked instance dot if one is selected,
// else the selected nodes (or edges for cut/heal).
import { kindCan } from '../../shared/kinds/index';
import { SLOW_FACTOR } from '../../shared/commands/runCommandDescriptors';
import type { ChaosAction } from '../../shared/document/types';
import { registerCommands } from '../commands/registry';
import { addContextMenuCommands, CONTEXT_MENU_COMMANDS, setContextMenuLabel } from '../commands/contextMenus';
import { isReplicated } from '../../shared/document/catalog';
import { refreshCommandState } from '../commands/useCommandState';
import { useDesignStore } from '../store/designStore';
import { runClient } from './runClient';
import { liveFrame, useRunStore } from './runStore';
import { openSpikeDialog } from './SpikeDialog';
import { isCacheKind } from '../../shared/document/catalog';

// Added once, at import: the chaos commands themselves are in the one list
// (shared/commands/runCommandDescriptors.ts); here they go on the canvas context menus.
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
  // Say what Kill does on a replicated database: its leaders go, followers take over.
  setContextMenuLabel('chaos.kill', () => {
    const targets = chaosNodeTargets();
    return targets.length > 0 && targets.every(isReplicatedNodeTarget) ? 'Kill leader' : null;
  });
  // Partition (on a replicated database's instance dots, the Run menu and the palette) says what
  // it cuts off, and turns into Heal while the database is partitioned.
  setContextMenuLabel('chaos.partitionToggle', () => {
    const targets = chaosNodeTargets().filter(isPartitionableTarget);
    if (targets.length === 0) return null;
    if (targets.some(isPartitioned)) return 'Heal partition';
    return targets.every((target) => target.includes(':'))
      ? 'Partition from its shard'
      : 'Partition leader from its shard';
  });
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

/** The current leader of each shard of a node (`db:0`, `db:3` …), from the latest live frame. */
export function leadersOf(nodeId: string): string[] {
  const layout = liveFrame.layout;
  if (!layout) return [];
  const n = layout.nodeIds.indexOf(nodeId);
  const leader = layout.instanceFields.indexOf('leader');
  if (n < 0 || leader < 0) return [];
  const IF = layout.instanceFields.length;
  const first = layout.instanceOffset[n];
  const out: string[] = [];
  for (let i = 0; i < layout.instanceCount[n]; i++)
    if (liveFrame.instances[(first + i) * IF + leader] === 1) out.push(`${nodeId}:${i}`);
  return out;
}

/** A replicated database, or one of its copies: what a partition can cut. */
const isPartitionableTarget = (target: string) => {
  const node = nodeOf(target);
  return Boolean(node && isReplicated(node));
};

/** Whether the target's database has copies cut off now (the live frame's `partitioned` gauge). */
export function isPartitioned(target: string): boolean {
  const layout = liveFrame.layout;
  const node = nodeOf(target);
  if (!layout || !node) return false;
  const n = layout.nodeIds.indexOf(node.id);
  const field = layout.instanceFields.indexOf('partitioned');
  if (n < 0 || field < 0) return false;
  const IF = layout.instanceFields.length;
  const first = layout.instanceOffset[n];
  for (let i = 0; i < layout.instanceCount[n]; i++)
    if (liveFrame.instances[(first + i) * IF + field] === 1) return true;
  return false;
}

/** A selected replicated database (the whole node, not one instance dot): K kills its leaders. */
const isReplicatedNodeTarget = (target: string) => {
  const node = useDesignStore.getState().design.nodes.find((candidate) => candidate.id === target);
  return Boolean(node && isReplicated(node));
};

/**
 * K / "Kill": on a replicated database, kill the current leader of each shard (what someone showing
 * failover means — a follower is then promoted); elsewhere every copy. Killing every copy of a
 * database stays available on its instance dots and `chaos({action:'kill', target:'db'})`.
 */
function killTargets(): string[] {
  return chaosNodeTargets().flatMap(killTargetsOf);
}

/** What killing `target` hits: a replicated database's shard leaders (a follower takes over), else itself. */
export function killTargetsOf(target: string): string[] {
  if (!isReplicatedNodeTarget(target)) return [target];
  const leaders = leadersOf(target);
  return leaders.length > 0 ? leaders : [target];
}

export function registerRunCommands(): () => void {
  const hasNodeTarget = () => chaosNodeTargets().length > 0;
  const unregister = registerCommands({
    'run.toggle': { run: () => runClient.toggle() },
    'run.step': { run: () => runClient.step(), enabled: () => useRunStore.getState().status !== 'running' },
    'run.reset': { run: () => runClient.reset(), enabled: () => runClient.isLoaded },
    'chaos.kill': {
      run: () => {
        for (const target of killTargets()) runClient.chaos({ action: 'kill', target });
      },
      enabled: hasNodeTarget,
    },
    'chaos.hang': { run: () => nodeChaos('hang'), enabled: hasNodeTarget },
    'chaos.restart': { run: () => nodeChaos('restart'), enabled: hasNodeTarget },
    'chaos.slow': { run: () => nodeChaos('slow', { factor: SLOW_FACTOR }), enabled: hasNodeTarget },
    'chaos.flush': {
      run: () => nodeChaos('flush'),
      enabled: () => chaosNodeTargets().some((target) => isCacheKind(nodeOf(target)?.kind ?? '')),
    },
    'chaos.spike': {
      // Asks for N and S (SpikeDialog), then spikes the selected clients, else every client.
      run: () => {
        const clients = useDesignStore
          .getState()
          .design.nodes.filter((node) => kindCan(node.kind, 'originatesRequests'));
        const chosen = clients.filter((client) => chaosNodeTargets().includes(client.id));
        const targets = chosen.length > 0 ? chosen : clients;
        openSpikeDialog({
          targets: targets.map((node) => node.id),
          names: targets.map((node) => node.label),
        });
      },
      enabled: () =>
        useDesignStore.getState().design.nodes.some((node) => kindCan(node.kind, 'originatesRequests')),
    },
    'chaos.partitionToggle': {
      // Partition the selected copy (a whole database: each shard's leader), or heal it.
      run: () => {
        for (const target of chaosNodeTargets().filter(isPartitionableTarget))
          runClient.chaos({ action: isPartitioned(target) ? 'heal' : 'partition', target });
      },
      enabled: () => chaosNodeTargets().some(isPartitionableTarget),
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
