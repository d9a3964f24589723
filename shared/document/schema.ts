// The one schema of a design document (zod 4). It validates files on open, payloads crossing the
// Electron IPC boundary and single parameter edits from the inspector, so a value the inspector
// accepts is always a value a file may hold. Per-kind parameter rules come from the catalog.
import './zodConfig';
import { z } from 'zod';
import {
  CATALOG,
  COMPONENT_KINDS,
  EDGE_PARAMS,
  type ComponentKind,
  type ParamSpec,
  type ParamSpecs,
} from './catalog';
import { interviewSchema } from '../interview/state';
import { CHAOS_ACTIONS, DEFAULT_SCENARIO, DEFAULT_SLO, DESIGN_FORMAT, DESIGN_VERSION } from './types';

/** Hard limits: a file beyond them is refused before any work is spent on it. */
export const DESIGN_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  nodes: 5_000,
  edges: 20_000,
  notes: 5_000,
  scenarioEvents: 10_000,
  /** A valid design nests about 5 levels deep; anything far deeper is hostile or broken. */
  nestingDepth: 64,
  idChars: 200,
  labelChars: 500,
  textChars: 100_000,
  /** Problems and warnings listed for one file. */
  problemsListed: 20,
} as const;

/** 12345.5 → "12,345.5": limits read better with separators in messages. */
export function formatLimit(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(value).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction ? `.${fraction}` : '');
}

/** Short, quoted description of a received value for messages ("got \"abc\"", "got 2.5"). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

/** Why `value` is not allowed for a parameter, or null when it is. `undefined` means "use the default". */
export function paramProblem(spec: ParamSpec, value: unknown): string | null {
  if (value === undefined) return null;
  switch (spec.type) {
    case 'number': {
      const what = spec.integer ? 'an integer' : 'a number';
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `must be ${what} (got ${describeValue(value)})`;
      if (spec.integer && !Number.isInteger(value)) return `must be an integer (got ${value})`;
      if (value < spec.min) return `must be ${what} ≥ ${formatLimit(spec.min)}`;
      if (value > spec.max) return `must be ${what} ≤ ${formatLimit(spec.max)}`;
      return null;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.options.includes(value))
        return `must be one of ${spec.options.join(', ')} (got ${describeValue(value)})`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false (got ${describeValue(value)})`;
  }
}

/** A zod schema for one parameter, from its catalog entry. */
export function paramSchema(spec: ParamSpec) {
  return z
    .unknown()
    .superRefine((value, context) => {
      const problem = paramProblem(spec, value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional();
}

/** A zod schema for a params object: every catalog parameter optional, unknown names stripped. */
export function paramsSchema(specs: ParamSpecs) {
  const shape: Record<string, ReturnType<typeof paramSchema>> = {};
  for (const [name, spec] of Object.entries(specs)) shape[name] = paramSchema(spec);
  return z.object(shape);
}

export const PARAMS_SCHEMAS: Record<ComponentKind | 'edge', ReturnType<typeof paramsSchema>> = {
  ...(Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, paramsSchema(CATALOG[kind].params)])) as Record<
    ComponentKind,
    ReturnType<typeof paramsSchema>
  >),
  edge: paramsSchema(EDGE_PARAMS),
};

export function isComponentKind(kind: unknown): kind is ComponentKind {
  return typeof kind === 'string' && (COMPONENT_KINDS as readonly string[]).includes(kind);
}

/**
 * Checks one parameter edit before it reaches the store (the inspector calls this).
 * Returns the message to show next to the field, or null when the value is allowed.
 */
export function validateParam(kind: ComponentKind | 'edge', name: string, value: unknown): string | null {
  const specs = kind === 'edge' ? EDGE_PARAMS : CATALOG[kind]?.params;
  if (!specs) return `${kind} is not a component kind`;
  const spec = specs[name];
  if (!spec) return `${name} is not a parameter of ${kind === 'edge' ? 'a connection' : CATALOG[kind].label}`;
  return paramProblem(spec, value);
}

const id = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(DESIGN_LIMITS.idChars, { error: `must be at most ${DESIGN_LIMITS.idChars} characters` });
const coordinate = z.number().min(-1e7).max(1e7);
const params = z.record(z.string(), z.unknown());

export const nodeSchema = z.object({
  id,
  kind: z.string(),
  label: z.string().max(DESIGN_LIMITS.labelChars),
  x: coordinate,
  y: coordinate,
  params: params.default({}),
});

export const edgeSchema = z.object({ id, from: id, to: id, params: params.default({}) });

export const scenarioEventSchema = z.object({
  atS: z.number().min(0).max(1e7),
  action: z.enum(CHAOS_ACTIONS),
  target: id,
  factor: z.number().positive().max(1e6).optional(),
  durationS: z.number().min(0).max(1e7).optional(),
});

/** What a frame does when it is shown as a slide (presentation mode). */
export const slideSchema = z.object({
  /** Chaos to play: the run starts if it is not running; each event fires `atS` seconds after the slide is shown. */
  play: z.array(scenarioEventSchema).max(20).optional(),
  /** A lab step to open beside the slide: a bundled lab's id and one of its step ids. */
  lab: z.object({ id: z.string().min(1).max(100), step: z.string().min(1).max(100) }).optional(),
});

export const noteSchema = z.object({
  id,
  text: z.string().max(DESIGN_LIMITS.textChars),
  x: coordinate,
  y: coordinate,
  w: z.number().positive().max(1e6),
  h: z.number().positive().max(1e6),
  style: z.enum(['sticky', 'frame', 'text']).optional(),
  slide: slideSchema.optional(),
});

/** The shortest run: 1 ms (the engine's clock counts microseconds; 1e-300 s is not a run). */
export const MIN_DURATION_S = 0.001;

export const scenarioSchema = z.object({
  durationS: z.number().min(MIN_DURATION_S).max(1e7),
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  warmupS: z.number().min(0).max(1e7),
  events: z.array(scenarioEventSchema).max(DESIGN_LIMITS.scenarioEvents).default([]),
});

export const sloSchema = z.object({
  p99Ms: z.number().positive().max(1e9),
  minThroughputRps: z.number().min(0).max(1e12),
  maxErrorRate: z.number().min(0).max(1),
});

/** The current (version 1) document. Unknown fields are stripped; parseDesign warns about them. */
export const designSchema = z.object({
  format: z.literal(DESIGN_FORMAT),
  version: z.literal(DESIGN_VERSION),
  meta: z
    .object({
      title: z.string().max(DESIGN_LIMITS.labelChars),
      notes: z.string().max(DESIGN_LIMITS.textChars).default(''),
    })
    .default({ title: 'Untitled design', notes: '' }),
  nodes: z.array(nodeSchema).max(DESIGN_LIMITS.nodes),
  edges: z.array(edgeSchema).max(DESIGN_LIMITS.edges),
  notes: z.array(noteSchema).max(DESIGN_LIMITS.notes).default([]),
  scenario: scenarioSchema.default({ ...DEFAULT_SCENARIO, events: [] }),
  slo: sloSchema.default({ ...DEFAULT_SLO }),
  /** A mock interview in progress or done (shared/interview); a file without one is a plain design. */
  interview: interviewSchema.optional(),
});
