// Opening a design: text or a parsed value → a valid current-version Design, or every problem with
// its JSON path (at most 20). Cheap guards run first (size, nesting depth, counts) so hostile input
// cannot exhaust memory or the stack; then migration, the zod schema, per-kind parameters and the
// cross-references (duplicate ids, edges to missing nodes, scenario targets).
import { MIN_DURATION_S } from './schema';
import { z } from 'zod';
import { CATALOG, COMPONENT_KINDS, isReplicated, looksUpAuth, type ComponentKind } from './catalog';
import { connectionProblem, type ConnectionContext } from './connections';
import { migrateDesign } from './migrate';
import {
  DESIGN_LIMITS,
  PARAMS_SCHEMAS,
  designSchema,
  describeValue,
  formatLimit,
  isComponentKind,
} from './schema';
import type { Design, Params } from './types';

export { validateParam, DESIGN_LIMITS } from './schema';

export type ParseDesignResult =
  { ok: true; design: Design; warnings: string[] } | { ok: false; problems: string[] };

type PathPart = string | number | symbol;

/** ['nodes', 3, 'params', 'workers'] → "nodes[3].params.workers". */
export function formatPath(path: readonly PathPart[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text || '(document)';
}

/** UTF-8 size of a string without TextEncoder (the pure core has no DOM or Node APIs). */
function utf8Bytes(text: string, stopAbove: number): number {
  if (text.length * 3 <= stopAbove) return text.length; // cannot exceed the limit: skip counting
  let bytes = 0;
  for (let index = 0; index < text.length && bytes <= stopAbove; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The deepest nesting of arrays/objects, walked without recursion so a hostile `[[[[…]]]]` cannot
 * overflow the stack. Stops early once `limit` is passed; also stops on a cycle (IPC values).
 */
export function nestingDepth(value: unknown, limit: number): number {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const seen = new Set<object>();
  let deepest = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (seen.has(current)) return Infinity;
    seen.add(current);
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: here });
  }
  return deepest;
}

function issueMessage(issue: z.core.$ZodIssue, received: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (received === undefined) return 'is required';
      const expected =
        issue.expected === 'int'
          ? 'an integer'
          : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
      return `must be ${expected} (got ${describeValue(received)})`;
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array') return `must have at least ${formatLimit(minimum)} entries`;
      if (issue.origin === 'string')
        return minimum <= 1 ? 'must not be empty' : `must be at least ${minimum} characters`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${formatLimit(minimum)}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'array') return `must have at most ${formatLimit(maximum)} entries`;
      if (issue.origin === 'string') return `must be at most ${formatLimit(maximum)} characters`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${formatLimit(maximum)}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`} (got ${describeValue(received)})`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PathPart[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PathPart, unknown>)[part];
  }
  return current;
}

/** Each zod issue as its JSON path and message (the lab schema, shared/labs, reads them this way). */
export function zodIssues(
  error: z.ZodError,
  root: unknown,
  prefix: readonly PathPart[] = [],
): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    return { path: formatPath(path), message: issueMessage(issue, valueAt(root, path)) };
  });
}

function zodProblems(error: z.ZodError, root: unknown, prefix: readonly PathPart[] = []): string[] {
  return zodIssues(error, root, prefix).map(({ path, message }) => `${path}: ${message}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Warns about fields the schema does not know (zod strips them silently). */
function unknownFieldWarnings(schema: z.ZodType, value: unknown, path: PathPart[], warnings: string[]) {
  if (warnings.length > DESIGN_LIMITS.problemsListed) return;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
    unknownFieldWarnings(schema.unwrap() as z.ZodType, value, path, warnings);
  } else if (schema instanceof z.ZodObject && isObject(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(shape, key)) unknownFieldWarnings(shape[key], value[key], [...path, key], warnings);
      else warnings.push(`${formatPath([...path, key])}: unknown field, dropped`);
    }
  } else if (schema instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, index) =>
      unknownFieldWarnings(schema.element as z.ZodType, item, [...path, index], warnings),
    );
  }
}

/** Problems that need the whole document: unknown kinds, parameters, ids and references. */
function documentProblems(document: Record<string, unknown>, warnings: string[]): string[] {
  const problems: string[] = [];
  const nodes = Array.isArray(document.nodes) ? document.nodes : [];
  const edges = Array.isArray(document.edges) ? document.edges : [];
  const notes = Array.isArray(document.notes) ? document.notes : [];
  const firstUse = new Map<string, string>();
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  const claim = (value: unknown, path: string) => {
    if (typeof value !== 'string') return;
    const earlier = firstUse.get(value);
    if (earlier) problems.push(`${path}.id: duplicate id ${JSON.stringify(value)} (also used by ${earlier})`);
    else firstUse.set(value, path);
  };

  nodes.forEach((node, index) => {
    if (!isObject(node)) return;
    const path = `nodes[${index}]`;
    claim(node.id, path);
    if (typeof node.id === 'string') nodeIds.add(node.id);
    if (node.kind !== undefined && !isComponentKind(node.kind)) {
      problems.push(
        `${path}.kind: unknown component kind ${describeValue(node.kind)} (known: ${COMPONENT_KINDS.join(', ')})`,
      );
      return;
    }
    if (!isComponentKind(node.kind)) return;
    if (isObject(node.params)) {
      const parsed = PARAMS_SCHEMAS[node.kind].safeParse(node.params);
      if (!parsed.success)
        problems.push(...zodProblems(parsed.error, node.params, ['nodes', index, 'params']));
      for (const name of Object.keys(node.params))
        if (!Object.hasOwn(CATALOG[node.kind].params, name))
          warnings.push(`${path}.params.${name}: not a parameter of ${CATALOG[node.kind].label}, dropped`);
    }
  });
  edges.forEach((edge, index) => {
    if (!isObject(edge)) return;
    const path = `edges[${index}]`;
    claim(edge.id, path);
    if (typeof edge.id === 'string') edgeIds.add(edge.id);
    for (const end of ['from', 'to'] as const) {
      const target = edge[end];
      if (typeof target === 'string' && !nodeIds.has(target))
        problems.push(`${path}.${end}: no node has the id ${JSON.stringify(target)}`);
    }
    if (isObject(edge.params)) {
      const parsed = PARAMS_SCHEMAS.edge.safeParse(edge.params);
      if (!parsed.success)
        problems.push(...zodProblems(parsed.error, edge.params, ['edges', index, 'params']));
      for (const name of Object.keys(edge.params))
        if (!Object.hasOwn(PARAMS_SCHEMAS.edge.shape, name))
          warnings.push(`${path}.params.${name}: not a connection parameter, dropped`);
    }
  });
  // The editor's own connection rule, edge by edge against the edges before it, so a file cannot
  // hold a self-loop, a duplicate or a connection the editor refuses (e.g. into a client).
  const connectable: ConnectionContext['nodes'] = nodes.flatMap((node) =>
    isObject(node) && typeof node.id === 'string' && isComponentKind(node.kind)
      ? [{ id: node.id, kind: node.kind, label: typeof node.label === 'string' ? node.label : node.id }]
      : [],
  );
  const earlierEdges: { from: string; to: string }[] = [];
  edges.forEach((edge, index) => {
    if (!isObject(edge) || typeof edge.from !== 'string' || typeof edge.to !== 'string') return;
    const { from, to } = edge;
    if (!connectable.some((node) => node.id === from) || !connectable.some((node) => node.id === to)) return; // a missing end or unknown kind is already reported above
    const problem = connectionProblem({ nodes: connectable, edges: earlierEdges }, from, to);
    if (problem) problems.push(`edges[${index}]: ${problem}`);
    earlierEdges.push({ from, to });
  });
  notes.forEach((note, index) => {
    if (isObject(note)) claim(note.id, `notes[${index}]`);
  });
  warnings.push(...authRouteWarnings(nodes, edges));

  const scenario = isObject(document.scenario) ? document.scenario : {};
  // Chaos a run plays: the scenario's events, and those a frame plays when shown as a slide.
  const chaosEvents = (list: unknown, at: string) =>
    (Array.isArray(list) ? list : []).map((event, index) => ({ event, path: `${at}[${index}].target` }));
  const playedBySlides = notes.flatMap((note, index) =>
    isObject(note) && isObject(note.slide) ? chaosEvents(note.slide.play, `notes[${index}].slide.play`) : [],
  );
  [...chaosEvents(scenario.events, 'scenario.events'), ...playedBySlides].forEach(({ event, path }) => {
    if (!isObject(event) || typeof event.target !== 'string') return;
    const target = event.target;
    if (event.action === 'cut') {
      if (!edgeIds.has(target))
        problems.push(
          `${path}: cut needs a connection id; no connection has the id ${JSON.stringify(target)}`,
        );
      return;
    }
    // heal: a cut connection, or a partitioned database (its id, a copy, or a side "db:1,db:2").
    if (event.action === 'heal' && edgeIds.has(target)) return;
    const partitionLike = event.action === 'partition' || event.action === 'heal';
    const nodeIdOf = (address: string) => {
      const instance = /^(.*):(\d+)$/.exec(address);
      const nodeId = nodeIds.has(address) ? address : instance?.[1];
      return nodeId !== undefined && nodeIds.has(nodeId) ? nodeId : undefined;
    };
    const parts =
      partitionLike && target.includes(',') ? target.split(',').map((part) => part.trim()) : [target];
    const owners = new Set(parts.map(nodeIdOf));
    if (
      owners.has(undefined) ||
      owners.size !== 1 ||
      (parts.length > 1 && parts.some((part) => nodeIds.has(part)))
    ) {
      problems.push(
        event.action === 'heal'
          ? `${path}: no connection, node or instance ${JSON.stringify(target)} (heal takes a cut connection or a partitioned database)`
          : partitionLike
            ? `${path}: ${JSON.stringify(target)} is not a node, an instance or a list of one node's instances ("db:1,db:2")`
            : `${path}: no node or instance ${JSON.stringify(target)} (use a node id or "nodeId:instance")`,
      );
      return;
    }
    if (event.action === 'partition') {
      const owner = nodes.find((node) => isObject(node) && node.id === [...owners][0]);
      if (
        isObject(owner) &&
        isComponentKind(owner.kind) &&
        !isReplicated({ kind: owner.kind, params: isObject(owner.params) ? (owner.params as Params) : {} })
      )
        problems.push(
          `${path}: partition needs a replicated node (${JSON.stringify(owner.id)} keeps one copy of its data)`,
        );
    }
  });

  // Only against a valid duration: a negative or zero one is reported once, as itself.
  const scenarioDuration = scenario.durationS;
  if (
    typeof scenario.warmupS === 'number' &&
    typeof scenarioDuration === 'number' &&
    scenarioDuration >= MIN_DURATION_S &&
    scenario.warmupS >= scenarioDuration
  )
    problems.push(
      `scenario.warmupS: must be shorter than scenario.durationS (${formatLimit(scenarioDuration)} s)`,
    );
  return problems;
}

/**
 * Auth connections that carry nothing (from a node that looks nobody up, or async: a lookup waits
 * for its answer) and gateways that look callers up with no auth connection to do it over. The
 * file is valid (the editor draws these) but the run will not do what the drawing suggests.
 */
function authRouteWarnings(nodes: unknown[], edges: unknown[]): string[] {
  const warnings: string[] = [];
  const byId = new Map<string, { kind: ComponentKind; label: string; params: Params }>();
  for (const node of nodes)
    if (isObject(node) && typeof node.id === 'string' && isComponentKind(node.kind))
      byId.set(node.id, {
        kind: node.kind,
        label: typeof node.label === 'string' && node.label ? node.label : node.id,
        params: isObject(node.params) ? (node.params as Params) : {},
      });
  const withAuthEdge = new Set<string>();
  edges.forEach((edge, index) => {
    if (!isObject(edge) || !isObject(edge.params) || edge.params.filter !== 'auth') return;
    const from = typeof edge.from === 'string' ? byId.get(edge.from) : undefined;
    const to = typeof edge.to === 'string' ? byId.get(edge.to) : undefined;
    if (!from || !to) return;
    if (!looksUpAuth(from))
      warnings.push(
        `edges[${index}].params.filter: an auth connection carries only the lookups of a gateway checking sessions or tokens (auth session or introspection); from ${from.label} it carries nothing`,
      );
    else if (edge.params.async === true || CATALOG[to.kind].capabilities.buffersMessages)
      warnings.push(
        `edges[${index}].params.filter: an auth lookup waits for its answer; an async auth connection carries nothing`,
      );
    else withAuthEdge.add(String(edge.from));
  });
  nodes.forEach((node, index) => {
    if (!isObject(node) || typeof node.id !== 'string') return;
    const entry = byId.get(node.id);
    if (!entry || !looksUpAuth(entry) || withAuthEdge.has(node.id)) return;
    warnings.push(
      `nodes[${index}].params.auth: ${entry.label} looks callers up over an auth connection and has none: every request fails (or passes unchecked, failing open)`,
    );
  });
  return warnings;
}

function capped(lines: string[]): string[] {
  const limit = DESIGN_LIMITS.problemsListed;
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit - 1), `… and ${lines.length - (limit - 1)} more`];
}

const fail = (...problems: string[]): ParseDesignResult => ({ ok: false, problems: capped(problems) });

/**
 * Parses and validates a design from file text or an already-parsed value (IPC, automation).
 * On success the design is the current version with unknown fields dropped (listed in warnings).
 */
export function parseDesign(input: unknown): ParseDesignResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const bytes = utf8Bytes(input, DESIGN_LIMITS.fileBytes);
    if (bytes > DESIGN_LIMITS.fileBytes)
      return fail(
        `the file is larger than ${DESIGN_LIMITS.fileBytes / 1024 / 1024} MB; a design file is at most that size`,
      );
    if (input.trim() === '') return fail('the file is empty');
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const depth = nestingDepth(value, DESIGN_LIMITS.nestingDepth);
  if (depth === Infinity) return fail('the design refers to itself (a cycle); it cannot be saved as JSON');
  if (depth > DESIGN_LIMITS.nestingDepth)
    return fail(
      `nested more than ${DESIGN_LIMITS.nestingDepth} levels deep; a design file is never nested like that`,
    );

  const migrated = migrateDesign(value);
  if (!migrated.ok) return fail(migrated.problem);
  const document = migrated.document;
  const counts: [string, number][] = [
    ['nodes', DESIGN_LIMITS.nodes],
    ['edges', DESIGN_LIMITS.edges],
    ['notes', DESIGN_LIMITS.notes],
  ];
  for (const [field, limit] of counts) {
    const items = document[field];
    if (Array.isArray(items) && items.length > limit)
      return fail(
        `${field}: ${formatLimit(items.length)} ${field}; a design holds at most ${formatLimit(limit)}`,
      );
  }

  const warnings: string[] = [];
  if (migrated.migratedFrom !== null)
    warnings.push(
      `migrated from file version ${migrated.migratedFrom}; saving writes version ${document.version}`,
    );
  const structure = designSchema.safeParse(document);
  const problems = structure.success ? [] : zodProblems(structure.error, document);
  problems.push(...documentProblems(document, warnings));
  if (problems.length > 0) return fail(...problems);
  unknownFieldWarnings(designSchema, document, [], warnings);

  const design = structure.data! as Design;
  // The engine's clock resolution is the microsecond: 1e-300 s cannot be simulated, and 4.06 s
  // must be 4,060 ms, not 4,059.9999999999995.
  design.scenario.durationS = toMicroseconds(design.scenario.durationS);
  design.scenario.warmupS = toMicroseconds(design.scenario.warmupS);
  for (const node of design.nodes)
    node.params = knownParams(PARAMS_SCHEMAS[node.kind as ComponentKind].shape, node.params);
  for (const edge of design.edges) edge.params = knownParams(PARAMS_SCHEMAS.edge.shape, edge.params);
  return { ok: true, design, warnings: capped(warnings) };
}

function knownParams(shape: Record<string, unknown>, params: Params): Params {
  const kept: Params = {};
  for (const [name, value] of Object.entries(params))
    if (Object.hasOwn(shape, name) && value !== undefined) kept[name] = value;
  return kept;
}

const toMicroseconds = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;
