// The design document: what a `.bpd` file holds. Plain data, no behaviour; see ./README.md.
import type { ComponentKind } from './catalog';
import type { InterviewState } from '../interview/state';

export const DESIGN_FORMAT = 'backpressure.design';
export const DESIGN_VERSION = 1;

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export interface DesignNode {
  id: string;
  kind: ComponentKind;
  label: string;
  x: number;
  y: number;
  params: Params;
}

export interface DesignEdge {
  id: string;
  from: string;
  to: string;
  params: Params;
}

/** Whiteboard elements with no simulation meaning: a sticky note, a labelled frame or a free text label. */
export type NoteStyle = 'sticky' | 'frame' | 'text';
export interface DesignNote {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  style?: NoteStyle;
  /** A frame shown as a slide plays this (presentation mode). */
  slide?: Slide;
}

export interface Slide {
  /** Chaos fired `atS` seconds after the slide is shown (the run starts if it is not running). */
  play?: ScenarioEvent[];
  /** A bundled lab's step opened beside the slide. */
  lab?: { id: string; step: string };
}

export const CHAOS_ACTIONS = [
  'kill',
  'hang',
  'restart',
  'slow',
  'cut',
  'heal',
  'spike',
  'flush',
  // A replicated database's copies cut off from the rest of their shard; `heal` ends it.
  'partition',
] as const;
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];

/**
 * target: a node id, an instance address `nodeId:i`, or an edge id. `partition` (and `heal` of a
 * partition) also takes a side as a list of one node's addresses: "db:1,db:2".
 */
export interface ScenarioEvent {
  atS: number;
  action: ChaosAction;
  target: string;
  factor?: number;
  durationS?: number;
}

export interface Scenario {
  durationS: number;
  seed: number;
  warmupS: number;
  events: ScenarioEvent[];
}

export interface Slo {
  p99Ms: number;
  minThroughputRps: number;
  maxErrorRate: number;
}

export interface Design {
  format: typeof DESIGN_FORMAT;
  version: number;
  meta: { title: string; notes: string };
  nodes: DesignNode[];
  edges: DesignEdge[];
  notes: DesignNote[];
  scenario: Scenario;
  slo: Slo;
  /** A mock interview (shared/interview/state.ts); absent in a plain design. */
  interview?: InterviewState;
}

export const DEFAULT_SCENARIO: Scenario = { durationS: 60, seed: 1, warmupS: 5, events: [] };
export const DEFAULT_SLO: Slo = { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 };

export function emptyDesign(title = 'Untitled design'): Design {
  return {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    meta: { title, notes: '' },
    nodes: [],
    edges: [],
    notes: [],
    scenario: { ...DEFAULT_SCENARIO, events: [] },
    slo: { ...DEFAULT_SLO },
  };
}
