// eslint-disable-next-line no-restricted-imports -- the tests (not the core) read fixture files
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, COMPONENT_KINDS, defaultParams } from './catalog';
import { DESIGN_LIMITS, parseDesign, validateParam } from './validate';
import { emptyDesign, type Design } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function checkout(): Design {
  const result = parseDesign(fixture('v1-checkout.bpd'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.design;
}

function problemsOf(input: unknown): string[] {
  const result = parseDesign(input);
  if (result.ok) throw new Error('expected the design to be refused');
  return result.problems;
}

describe('a valid design', () => {
  it('opens from file text with no warnings', () => {
    const result = parseDesign(fixture('v1-checkout.bpd'));
    expect(result.ok && result.warnings).toEqual([]);
    expect(checkout().nodes.map((node) => node.kind)).toEqual(['client', 'service', 'database']);
  });

  it('opens an empty design and fills absent sections with defaults', () => {
    const { notes: _notes, scenario: _scenario, slo: _slo, ...bare } = emptyDesign('Bare');
    const result = parseDesign(bare);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.design).toEqual(emptyDesign('Bare'));
  });

  it('survives a round trip through JSON unchanged', () => {
    const design = checkout();
    const again = parseDesign(JSON.stringify(design));
    expect(again.ok && again.design).toEqual(design);
  });

  it('accepts every catalog default for every kind', () => {
    const design = emptyDesign();
    design.nodes = COMPONENT_KINDS.map((kind, index) => ({
      id: `n${index}`,
      kind,
      label: CATALOG[kind].label,
      x: index * 100,
      y: 0,
      params: defaultParams(CATALOG[kind].params),
    }));
    expect(parseDesign(design).ok).toBe(true);
  });
});

describe('problems name the JSON path and what is wrong', () => {
  it('reports a worker count below its minimum as an integer ≥ 1', () => {
    const design = checkout();
    design.nodes[1].params.workers = 0;
    expect(problemsOf(design)).toEqual(['nodes[1].params.workers: must be an integer ≥ 1']);
  });

  it('reports wrong types, unknown kinds, duplicate ids and edges to missing nodes together', () => {
    const design = checkout() as any;
    design.nodes[0].x = 'left';
    design.nodes[1].kind = 'mainframe';
    design.nodes[2].id = 'users';
    design.edges[1].to = 'nowhere';
    design.nodes[0].params.readRatio = 2;
    const problems = problemsOf(design);
    expect(problems).toContain('nodes[0].x: must be a number (got "left")');
    expect(problems.some((p) => p.startsWith('nodes[1].kind: unknown component kind "mainframe"'))).toBe(
      true,
    );
    expect(problems).toContain('nodes[2].id: duplicate id "users" (also used by nodes[0])');
    expect(problems).toContain('edges[1].to: no node has the id "nowhere"');
    expect(problems).toContain('nodes[0].params.readRatio: must be a number ≤ 1');
  });

  it('reports a missing required field as required', () => {
    const design = checkout() as any;
    delete design.nodes[0].y;
    expect(problemsOf(design)).toEqual(['nodes[0].y: is required']);
  });

  it('reports enum and boolean parameters with the allowed values', () => {
    const design = checkout();
    design.nodes[2].params.engine = 'excel';
    design.edges[0].params.async = 'yes';
    expect(problemsOf(design)).toEqual([
      'nodes[2].params.engine: must be one of sql, nosql (got "excel")',
      'edges[0].params.async: must be true or false (got "yes")',
    ]);
  });

  it('lists at most 20 problems, the last one counting the rest', () => {
    const design = checkout();
    for (let index = 0; index < 30; index++)
      design.nodes.push({
        id: `s${index}`,
        kind: 'service',
        label: 'S',
        x: 0,
        y: 0,
        params: { workers: -1 },
      });
    const problems = problemsOf(design);
    expect(problems).toHaveLength(20);
    expect(problems[19]).toBe('… and 11 more');
  });

  it('refuses scenario events whose target is not a node, instance or connection', () => {
    const design = checkout();
    design.scenario.events.push(
      { atS: 5, action: 'kill', target: 'ghost' },
      { atS: 6, action: 'cut', target: 'api' },
      { atS: 7, action: 'hang', target: 'api:2' },
      { atS: 8, action: 'heal', target: 'api-db' },
    );
    expect(problemsOf(design)).toEqual([
      'scenario.events[1].target: no node or instance "ghost" (use a node id or "nodeId:instance")',
      'scenario.events[2].target: cut needs a connection id; no connection has the id "api"',
    ]);
  });

  it('keeps what a frame plays as a slide, and checks its chaos targets like the scenario’s', () => {
    const design = checkout();
    design.notes.push({
      id: 'slide-1',
      text: 'Kill the API',
      x: 0,
      y: 0,
      w: 400,
      h: 300,
      style: 'frame',
      slide: { play: [{ atS: 3, action: 'kill', target: 'api' }], lab: { id: 'failover', step: 'kill' } },
    });
    const result = parseDesign(JSON.stringify(design));
    expect(result.ok && result.design.notes.at(-1)?.slide).toEqual({
      play: [{ atS: 3, action: 'kill', target: 'api' }],
      lab: { id: 'failover', step: 'kill' },
    });
    design.notes.at(-1)!.slide!.play!.push({ atS: 4, action: 'slow', target: 'ghost', factor: 3 });
    expect(problemsOf(design)).toEqual([
      'notes[1].slide.play[1].target: no node or instance "ghost" (use a node id or "nodeId:instance")',
    ]);
  });

  it('reports a file that is not JSON, and one that is not a design', () => {
    expect(problemsOf(fixture('corrupt-truncated.bpd'))[0]).toMatch(/^not valid JSON: /);
    expect(problemsOf('{"hello": 1}')).toEqual([
      'not a Backpressure design: format must be "backpressure.design" (got nothing)',
    ]);
    expect(problemsOf('')).toEqual(['the file is empty']);
  });
});

describe('unknown fields', () => {
  it('are dropped with a warning naming each one', () => {
    const design = checkout() as any;
    design.colour = 'blue';
    design.nodes[1].shadow = true;
    design.nodes[1].params.turbo = 3;
    design.edges[0].params.jitter = 1;
    const result = parseDesign(design);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      'nodes[1].params.turbo: not a parameter of Service, dropped',
      'edges[0].params.jitter: not a connection parameter, dropped',
      'nodes[1].shadow: unknown field, dropped',
      'colour: unknown field, dropped',
    ]);
    expect(result.design).not.toHaveProperty('colour');
    expect(result.design.nodes[1]).not.toHaveProperty('shadow');
    expect(result.design.nodes[1].params).toEqual({ workers: 16, serviceTimeMs: 12 });
  });
});

describe('limits', () => {
  it('refuses a file larger than 20 MB before parsing it', () => {
    const padding = ' '.repeat(DESIGN_LIMITS.fileBytes);
    expect(problemsOf(`{${padding}}`)).toEqual([
      'the file is larger than 20 MB; a design file is at most that size',
    ]);
  });

  it('counts multi-byte characters when measuring the size', () => {
    const title = 'é'.repeat(DESIGN_LIMITS.fileBytes / 2 + 10); // 2 bytes each: just over 20 MB
    expect(problemsOf(JSON.stringify({ ...emptyDesign(), meta: { title, notes: '' } }))[0]).toMatch(
      /larger than 20 MB/,
    );
  });

  it('refuses more than 5,000 nodes and more than 20,000 edges', () => {
    const many = emptyDesign();
    many.nodes = Array.from({ length: 5_001 }, (_, index) => ({
      id: `n${index}`,
      kind: 'service' as const,
      label: 'S',
      x: 0,
      y: 0,
      params: {},
    }));
    expect(problemsOf(many)).toEqual(['nodes: 5,001 nodes; a design holds at most 5,000']);
    const wired = emptyDesign();
    wired.edges = Array.from({ length: 20_001 }, (_, index) => ({
      id: `e${index}`,
      from: 'a',
      to: 'b',
      params: {},
    }));
    expect(problemsOf(wired)).toEqual(['edges: 20,001 edges; a design holds at most 20,000']);
  });

  // How fast is a benchmark's question (timed unit tests fail on a loaded machine): here, only
  // that the limit itself is accepted.
  it('accepts exactly 5,000 nodes and 4,999 connections', () => {
    const big = emptyDesign();
    big.nodes = Array.from({ length: 5_000 }, (_, index) => ({
      id: `n${index}`,
      kind: 'service' as const,
      label: 'S',
      x: index,
      y: 0,
      params: { workers: 4 },
    }));
    big.edges = Array.from({ length: 4_999 }, (_, index) => ({
      id: `e${index}`,
      from: `n${index}`,
      to: `n${index + 1}`,
      params: {},
    }));
    expect(parseDesign(JSON.stringify(big)).ok).toBe(true);
  });

  it('refuses hostile deep nesting without overflowing the stack', () => {
    const depth = 1_000_000;
    const text = `{"format":"backpressure.design","version":1,"nodes":${'['.repeat(depth)}${']'.repeat(depth)},"edges":[]}`;
    expect(problemsOf(text)).toEqual([
      `nested more than ${DESIGN_LIMITS.nestingDepth} levels deep; a design file is never nested like that`,
    ]);
    let value: unknown = 1;
    for (let level = 0; level < 100_000; level++) value = { value };
    expect(problemsOf(value)[0]).toMatch(/^nested more than/);
  });

  it('refuses a value that refers to itself (an IPC payload, not a file)', () => {
    const design = emptyDesign() as any;
    design.meta.self = design;
    expect(problemsOf(design)[0]).toMatch(/cycle/);
  });
});

describe('validateParam (the inspector checks each edit with the file schema)', () => {
  it('accepts values in range and refuses the rest with the same message a file gets', () => {
    expect(validateParam('service', 'workers', 4)).toBeNull();
    expect(validateParam('service', 'workers', 0)).toBe('must be an integer ≥ 1');
    expect(validateParam('service', 'workers', 2.5)).toBe('must be an integer (got 2.5)');
    expect(validateParam('service', 'workers', 20_000)).toBe('must be an integer ≤ 10,000');
    expect(validateParam('service', 'workers', Number.NaN)).toBe('must be an integer (got NaN)');
    expect(validateParam('cache', 'eviction', 'mru')).toBe(
      'must be one of lru, lfu, fifo, random (got "mru")',
    );
    expect(validateParam('edge', 'async', true)).toBeNull();
    expect(validateParam('edge', 'latencyMs', -1)).toBe('must be a number ≥ 0');
  });

  it('lets an optional parameter be left out (unbounded) and names unknown parameters', () => {
    expect(validateParam('queue', 'capacity', undefined)).toBeNull();
    expect(validateParam('service', 'colour', 1)).toBe('colour is not a parameter of Service');
  });
});

describe('input hygiene', () => {
  it('warns about and drops parameter names that only exist on Object.prototype (constructor, toString, __proto__)', () => {
    const text = fixture('v1-checkout.bpd').replace(
      '"params": {',
      '"params": { "constructor": 1, "toString": 2, "hasOwnProperty": 3, "__proto__": { "x": 1 },',
    );
    expect(text).toContain('"constructor"');
    const result = parseDesign(text);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
      expect(
        result.warnings.some((w) => w.includes(`.params.${name}: not a parameter`)),
        name,
      ).toBe(true);
    const params = result.design.nodes[0].params;
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
      expect(Object.hasOwn(params, name), name).toBe(false);
    // The saved design reopens without them.
    const reopened = parseDesign(JSON.stringify(result.design));
    expect(reopened.ok && reopened.warnings).toEqual([]);
  });

  it('refuses a run shorter than 1 ms and rounds durations to the engine microsecond', () => {
    const design = checkout();
    design.scenario.durationS = 1e-300;
    expect(problemsOf(design)).toEqual(['scenario.durationS: must be ≥ 0.001']);
    design.scenario.durationS = 4.0600000000000005;
    design.scenario.warmupS = 0;
    const result = parseDesign(design);
    expect(result.ok && result.design.scenario.durationS).toBe(4.06);
  });

  it('a negative duration is reported once, without a warm-up problem it caused', () => {
    const design = checkout();
    design.scenario.durationS = -5;
    design.scenario.warmupS = 1;
    expect(problemsOf(design)).toEqual(['scenario.durationS: must be ≥ 0.001']);
  });
});
