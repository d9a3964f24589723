// The one schema of a lab file (.bplab): structure (zod), then the references a lab makes — node
// and edge ids in captions, actions and checks, variants, metric and parameter names — against
// its design (inline, validated by the design schema, or a template). Problems name the JSON path
// ("steps[2].check.op"). Older versions migrate forward (migrateLab); a newer one is refused.
import '../document/zodConfig';
import { z } from 'zod';
import { CATALOG, EDGE_PARAMS, type ComponentKind } from '../document/catalog';
import { scenarioEventSchema, sloSchema, validateParam, DESIGN_LIMITS } from '../document/schema';
import { CHAOS_ACTIONS, type Design, type Params } from '../document/types';
import { nestingDepth, zodIssues } from '../document/validate';
import { FAILURE_REASONS } from '../engine/constants';
import { LOG_TYPES } from '../engine/log';
import { NODE_GAUGES } from '../kinds/gauges';
import { applyDesignEdits, isTemplateReference, resolveLabDesign, type TemplateLookup } from './labDesign';
import { LAB_FORMAT, LAB_VERSION, type Lab, type LabCheck, type LabProblem } from './types';
import { parseDesign } from '../document/validate';

export type ParseLabResult =
  | { ok: true; lab: Lab; design: Design | null; warnings: LabProblem[] }
  | { ok: false; problems: LabProblem[] };

/** The end-to-end fields a `global.<field>` metric may name (GlobalGauges, as a LabSample holds them). */
export const GLOBAL_METRICS = [
  'throughputRps',
  'completed',
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'errorRate',
  'sloPass',
] as const;
const NODE_METRICS: readonly string[] = NODE_GAUGES.map((spec) => spec.field);
const SLO_FIELDS = ['p99Ms', 'minThroughputRps', 'maxErrorRate'] as const;

type Json = Record<string, unknown>;
type Migration = (lab: Json) => Json;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** MIGRATIONS[n] turns a version-n lab into version n+1 (none yet: version 1 is the first). */
export const LAB_MIGRATIONS: Record<number, Migration> = {};

export type LabMigrationResult = { ok: true; lab: Json } | { ok: false; problem: LabProblem };

/** Brings a parsed lab to the current version, or says why it cannot be read. */
export function migrateLab(input: unknown): LabMigrationResult {
  const refuse = (path: string, message: string): LabMigrationResult => ({
    ok: false,
    problem: { path, message },
  });
  if (!isObject(input)) return refuse('(lab)', 'not a Backpressure lab: the file is not a JSON object');
  if (input.format !== LAB_FORMAT)
    return refuse(
      'format',
      `not a Backpressure lab: format must be "${LAB_FORMAT}" (got ${input.format === undefined ? 'nothing' : JSON.stringify(input.format)})`,
    );
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return refuse('version', `must be a whole number ≥ 1 (got ${JSON.stringify(version ?? null)})`);
  if (version > LAB_VERSION)
    return refuse(
      'version',
      `This lab was made by a newer version of Backpressure (file version ${version}; this app reads up to version ${LAB_VERSION}). Update Backpressure to open it.`,
    );
  let lab: Json = input;
  for (let from = version; from < LAB_VERSION; from++) {
    const step = LAB_MIGRATIONS[from];
    if (!step) return refuse('version', `version ${from} labs can no longer be opened`);
    lab = step(lab);
  }
  return { ok: true, lab };
}

const text = (max: number) => z.string().min(1, { error: 'must not be empty' }).max(max);
const id = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(DESIGN_LIMITS.idChars, { error: `must be at most ${DESIGN_LIMITS.idChars} characters` });
const nodeList = z.array(id).max(500);
const params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));
const compareOp = z.enum(['>=', '<=', '>', '<', '==']);
const seconds = z.number().positive().max(1e6);

const actionSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('loadVariant'), variant: id.optional() }),
  z.object({ do: z.literal('setParams'), target: id, params }),
  z.object({ do: z.literal('setSlo'), slo: sloSchema.partial() }),
  z.object({ do: z.literal('run') }),
  z.object({ do: z.literal('pause') }),
  z.object({ do: z.literal('setSpeed'), speed: z.number().positive().max(100_000) }),
  z.object({
    do: z.literal('chaos'),
    event: z.object({
      action: z.enum(CHAOS_ACTIONS),
      target: id,
      factor: z.number().positive().max(1e6).optional(),
      durationS: z.number().min(0).max(1e7).optional(),
    }),
    afterS: z.number().min(0).max(1e6).optional(),
  }),
  z.object({ do: z.literal('select'), nodes: nodeList }),
  z.object({ do: z.literal('zoomTo'), nodes: nodeList }),
]);

const checkValue = z.union([z.number(), z.enum(SLO_FIELDS.map((field) => `slo.${field}` as const))]);
const label = text(200).optional();
const CHECK_SHAPES = {
  metric: z.object({ metric: id, op: compareOp, value: checkValue, overS: seconds.optional(), label }),
  log: z.object({ log: z.enum(LOG_TYPES), node: id.optional(), after: z.enum(LOG_TYPES).optional(), label }),
  compare: z.object({
    compare: z.object({ a: id.optional(), b: id.optional() }),
    metric: id,
    metricB: id.optional(),
    op: compareOp,
    factor: z.number().min(0).max(1e9).optional(),
    durationS: seconds.optional(),
    label,
  }),
  param: z.object({
    param: id,
    target: id,
    op: compareOp,
    value: z.union([z.number(), z.string(), z.boolean()]),
    label,
  }),
  all: z.object({ all: z.array(z.unknown()).min(1), label }),
  any: z.object({ any: z.array(z.unknown()).min(1), label }),
};
type CheckShape = keyof typeof CHECK_SHAPES;

/** Which kind of check an object is, by the key only that kind has. */
function checkShape(value: Json): CheckShape | null {
  if ('all' in value) return 'all';
  if ('any' in value) return 'any';
  if ('compare' in value) return 'compare';
  if ('log' in value) return 'log';
  if ('param' in value) return 'param';
  if ('metric' in value) return 'metric';
  return null;
}

const editSchema = z.union([
  z.object({ set: id, params }),
  z.object({ slo: sloSchema.partial() }),
  z.object({ events: z.array(scenarioEventSchema).max(1000) }),
]);

const stepSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be kebab-case (a-z, 0-9, -)' })
    .max(80),
  caption: text(2000),
  nodes: nodeList.optional(),
  focus: nodeList.optional(),
  actions: z.array(actionSchema).max(50).optional(),
  task: text(1000).optional(),
  showMe: z.array(actionSchema).max(50).optional(),
  check: z.unknown().optional(),
  maxS: seconds.optional(),
  phase: z.enum(['requirements', 'components', 'design', 'tradeoffs', 'summary']).optional(),
});

export const labSchema = z.object({
  format: z.literal(LAB_FORMAT),
  version: z.literal(LAB_VERSION),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: 'must be kebab-case (a-z, 0-9, -), the file name without .bplab',
    })
    .max(80),
  title: text(200),
  concept: text(200),
  kind: z.enum(['concept', 'fundamentals', 'interview']),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  minutes: z.number().positive().max(600),
  learn: z.array(text(500)).min(1).max(20),
  brief: text(5000).optional(),
  requirements: z
    .object({
      concurrentUsers: z.number().min(0).optional(),
      requestsPerSecond: z.number().min(0).optional(),
      readShare: z.number().min(0).max(1).optional(),
      p99Ms: z.number().positive().optional(),
      maxErrorRate: z.number().min(0).max(1).optional(),
      growthFactor: z.number().positive().max(100).optional(),
      notes: z.array(text(500)).max(20).optional(),
    })
    .optional(),
  design: z.union([z.object({ template: id }), z.record(z.string(), z.unknown())]),
  variants: z.record(id, z.array(z.unknown()).max(200)).optional(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  durationS: z.number().min(1).max(1e6).optional(),
  steps: z.array(stepSchema).min(1).max(100),
});

/** What the references of a lab are checked against: the ids and kinds of its design. */
interface References {
  nodes: Map<string, ComponentKind>;
  edges: Set<string>;
  variants: Set<string>;
}

function checkProblems(value: unknown, path: string, refs: References | null, problems: LabProblem[]): void {
  if (!isObject(value)) {
    problems.push({ path, message: 'must be a check object (metric, log, compare, param, all or any)' });
    return;
  }
  const shape = checkShape(value);
  if (!shape) {
    problems.push({ path, message: 'must name what it checks: metric, log, compare, param, all or any' });
    return;
  }
  const parsed = CHECK_SHAPES[shape].safeParse(value);
  if (!parsed.success) {
    problems.push(...zodIssues(parsed.error, value).map((issue) => prefixed(path, issue)));
    return;
  }
  const check = parsed.data as LabCheck;
  if ('all' in check || 'any' in check) {
    const parts = 'all' in check ? check.all : check.any;
    parts.forEach((part, index) =>
      checkProblems(part, `${path}.${'all' in check ? 'all' : 'any'}[${index}]`, refs, problems),
    );
    return;
  }
  if (!refs) return;
  if ('compare' in check) {
    for (const side of ['a', 'b'] as const) {
      const variant = check.compare[side];
      if (variant !== undefined && !refs.variants.has(variant))
        problems.push({ path: `${path}.compare.${side}`, message: unknownVariant(variant, refs) });
    }
    for (const field of ['metric', 'metricB'] as const) {
      const [owner] = (check[field] ?? 'global').split('.');
      if (owner !== 'global' && !refs.nodes.has(owner))
        problems.push({
          path: `${path}.${field}`,
          message: `must start with global or a node id (no node has the id ${JSON.stringify(owner)})`,
        });
    }
    return;
  }
  if ('metric' in check) {
    const problem = metricProblem(check.metric, refs);
    if (problem) problems.push({ path: `${path}.metric`, message: problem });
    return;
  }
  if ('log' in check) {
    if (check.node !== undefined && !refs.nodes.has(check.node))
      problems.push({ path: `${path}.node`, message: unknownNode(check.node) });
    return;
  }
  if ('param' in check) {
    const kind = refs.nodes.get(check.target);
    if (!kind && !refs.edges.has(check.target))
      problems.push({
        path: `${path}.target`,
        message: `no node or connection has the id ${JSON.stringify(check.target)}`,
      });
    else if (!Object.hasOwn(kind ? CATALOG[kind].params : EDGE_PARAMS, check.param))
      problems.push({
        path: `${path}.param`,
        message: `${check.param} is not a parameter of ${kind ? CATALOG[kind].label : 'a connection'}`,
      });
  }
}

function metricProblem(metric: string, refs: References): string | null {
  const dot = metric.indexOf('.');
  if (dot <= 0) return `must be global.<field> or <nodeId>.<field> (got ${JSON.stringify(metric)})`;
  const owner = metric.slice(0, dot);
  const field = metric.slice(dot + 1);
  if (owner === 'global') {
    if ((GLOBAL_METRICS as readonly string[]).includes(field)) return null;
    if (field.startsWith('errors.') && (FAILURE_REASONS as readonly string[]).includes(field.slice(7)))
      return null;
    return `global has no ${JSON.stringify(field)} (known: ${GLOBAL_METRICS.join(', ')}, errors.<${FAILURE_REASONS.join('|')}>)`;
  }
  if (!refs.nodes.has(owner)) return unknownNode(owner);
  if (!NODE_METRICS.includes(field))
    return `a node has no gauge ${JSON.stringify(field)} (known: ${NODE_METRICS.join(', ')})`;
  return null;
}

const unknownNode = (nodeId: string) => `no node has the id ${JSON.stringify(nodeId)}`;
const unknownVariant = (variant: string, refs: References) =>
  `no variant named ${JSON.stringify(variant)} (variants: ${[...refs.variants].join(', ') || 'none'})`;
const prefixed = (path: string, issue: LabProblem): LabProblem => ({
  path:
    issue.path === '(document)'
      ? path
      : issue.path.startsWith('[')
        ? `${path}${issue.path}`
        : `${path}.${issue.path}`,
  message: issue.message,
});

/** A chaos target: a node, an edge, `nodeId:i`, or a list of one node's addresses. */
function targetExists(target: string, refs: References): boolean {
  if (refs.nodes.has(target) || refs.edges.has(target)) return true;
  return target.split(',').every((part) => {
    const match = /^(.*):(\d+)$/.exec(part.trim());
    return match !== null && refs.nodes.has(match[1]);
  });
}

function paramsProblems(
  target: string,
  values: Params,
  path: string,
  refs: References,
  problems: LabProblem[],
) {
  const kind = refs.nodes.get(target);
  if (!kind && !refs.edges.has(target)) {
    problems.push({ path, message: `no node or connection has the id ${JSON.stringify(target)}` });
    return;
  }
  for (const [name, value] of Object.entries(values)) {
    const problem = validateParam(kind ?? 'edge', name, value);
    if (problem)
      problems.push({ path: `${path.replace(/\.(target|set)$/, '')}.params.${name}`, message: problem });
  }
}

function actionProblems(actions: readonly unknown[], path: string, refs: References, problems: LabProblem[]) {
  actions.forEach((value, index) => {
    const at = `${path}[${index}]`;
    const action = value as z.infer<typeof actionSchema>;
    switch (action.do) {
      case 'loadVariant':
        if (action.variant !== undefined && !refs.variants.has(action.variant))
          problems.push({ path: `${at}.variant`, message: unknownVariant(action.variant, refs) });
        break;
      case 'setParams':
        paramsProblems(action.target, action.params, `${at}.target`, refs, problems);
        break;
      case 'chaos':
        if (!targetExists(action.event.target, refs))
          problems.push({
            path: `${at}.event.target`,
            message: `no node, connection or instance ${JSON.stringify(action.event.target)} (use a node id, a connection id or "nodeId:instance")`,
          });
        break;
      case 'select':
      case 'zoomTo':
        action.nodes.forEach((node, n) => {
          if (!refs.nodes.has(node)) problems.push({ path: `${at}.nodes[${n}]`, message: unknownNode(node) });
        });
        break;
    }
  });
}

function referenceProblems(lab: Lab, refs: References): LabProblem[] {
  const problems: LabProblem[] = [];
  const stepIds = new Map<string, number>();
  lab.steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    const earlier = stepIds.get(step.id);
    if (earlier !== undefined)
      problems.push({
        path: `${path}.id`,
        message: `duplicate step id ${JSON.stringify(step.id)} (also steps[${earlier}])`,
      });
    else stepIds.set(step.id, index);
    for (const match of step.caption.matchAll(/\{([^{}\s]+)\}/g))
      if (!refs.nodes.has(match[1]))
        problems.push({
          path: `${path}.caption`,
          message: `names {${match[1]}}, but ${unknownNode(match[1])}`,
        });
    for (const field of ['nodes', 'focus'] as const)
      step[field]?.forEach((node, n) => {
        if (!refs.nodes.has(node))
          problems.push({ path: `${path}.${field}[${n}]`, message: unknownNode(node) });
      });
    if (step.actions) actionProblems(step.actions, `${path}.actions`, refs, problems);
    if (step.showMe) actionProblems(step.showMe, `${path}.showMe`, refs, problems);
  });
  return problems;
}

/** Variants: each edit's shape and targets, and the design it makes must be a valid design. */
function variantProblems(lab: Json, design: Design | null, refs: References | null): LabProblem[] {
  const problems: LabProblem[] = [];
  const variants = isObject(lab.variants) ? lab.variants : {};
  for (const [name, edits] of Object.entries(variants)) {
    if (!Array.isArray(edits)) continue;
    const path = `variants[${JSON.stringify(name)}]`.replace(
      /^variants\["([A-Za-z_$][\w$]*)"\]$/,
      'variants.$1',
    );
    let valid = true;
    edits.forEach((edit, index) => {
      const at = `${path}[${index}]`;
      if (!isObject(edit) || !('set' in edit || 'slo' in edit || 'events' in edit)) {
        problems.push({ path: at, message: 'must be {set, params}, {slo} or {events}' });
        valid = false;
        return;
      }
      const parsed = editSchema.safeParse(edit);
      if (!parsed.success) {
        problems.push(...zodIssues(parsed.error, edit).map((issue) => prefixed(at, issue)));
        valid = false;
        return;
      }
      if (refs && 'set' in parsed.data) {
        const before = problems.length;
        paramsProblems(parsed.data.set, parsed.data.params, `${at}.set`, refs, problems);
        if (problems.length > before) valid = false;
      }
    });
    if (valid && design) {
      const made = parseDesign(applyDesignEdits(design, edits as never));
      if (!made.ok)
        problems.push(
          ...made.problems.map((problem) => ({ path, message: `makes an invalid design: ${problem}` })),
        );
    }
  }
  return problems;
}

function capped(problems: LabProblem[]): LabProblem[] {
  const limit = DESIGN_LIMITS.problemsListed;
  if (problems.length <= limit) return problems;
  return [
    ...problems.slice(0, limit - 1),
    { path: '(lab)', message: `… and ${problems.length - (limit - 1)} more problems` },
  ];
}

/**
 * Parses and validates a lab from file text or a parsed value. `templates` resolves a
 * `{template}` design (without it, a template lab's references to nodes are not checked and
 * `design` is null). On success `design` is the lab's base design, validated.
 */
export function parseLab(input: unknown, templates?: TemplateLookup): ParseLabResult {
  const fail = (...problems: LabProblem[]): ParseLabResult => ({ ok: false, problems: capped(problems) });
  let value = input;
  if (typeof input === 'string') {
    if (input.length > DESIGN_LIMITS.fileBytes)
      return fail({ path: '(lab)', message: 'the file is larger than 20 MB' });
    if (input.trim() === '') return fail({ path: '(lab)', message: 'the file is empty' });
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail({
        path: '(lab)',
        message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Parsed text cannot share objects; a value (the player's) may, which nestingDepth reads as a cycle.
  if (
    typeof input === 'string' &&
    nestingDepth(value, DESIGN_LIMITS.nestingDepth + 8) > DESIGN_LIMITS.nestingDepth + 8
  )
    return fail({ path: '(lab)', message: 'nested far deeper than a lab file ever is' });
  const migrated = migrateLab(value);
  if (!migrated.ok) return fail(migrated.problem);
  const document = migrated.lab;
  const structure = labSchema.safeParse(document);
  const problems: LabProblem[] = structure.success ? [] : zodIssues(structure.error, document);
  const steps = Array.isArray(document.steps) ? document.steps : [];
  // The design: inline (validated by the design schema) or a template.
  let design: Design | null = null;
  if (isObject(document.design)) {
    if (isTemplateReference(document.design as Lab['design']) && !templates) design = null;
    else {
      const resolved = resolveLabDesign(
        {
          design: document.design as Lab['design'],
          durationS: typeof document.durationS === 'number' ? document.durationS : undefined,
        },
        templates,
      );
      if (resolved.ok) design = resolved.design;
      else problems.push(...resolved.problems);
    }
  }
  const refs: References | null = design
    ? {
        nodes: new Map(design.nodes.map((node) => [node.id, node.kind])),
        edges: new Set(design.edges.map((edge) => edge.id)),
        variants: new Set(isObject(document.variants) ? Object.keys(document.variants) : []),
      }
    : null;
  steps.forEach((step, index) => {
    if (isObject(step) && step.check !== undefined)
      checkProblems(step.check, `steps[${index}].check`, refs, problems);
  });
  problems.push(...variantProblems(document, design, refs));
  if (structure.success && refs) problems.push(...referenceProblems(structure.data as unknown as Lab, refs));
  if (problems.length > 0) return fail(...problems);
  const lab = structure.data as unknown as Lab;
  // An inline design as the design schema reads it (defaults filled, unknown fields dropped).
  if (design && !isTemplateReference(lab.design)) lab.design = design;
  return { ok: true, lab, design, warnings: [] };
}
