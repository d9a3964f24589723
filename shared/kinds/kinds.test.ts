// The kinds contract: one ordered list, codes that match it, a folder per kind, capabilities that
// say what the rest of the product asks, and a dispatch switch that covers every kind.
// eslint-disable-next-line no-restricted-imports -- the test (not the core) reads the sources
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG as DOCUMENT_CATALOG, COMPONENT_KINDS as DOCUMENT_KINDS } from '../document/catalog';
import { runDesign } from '../engine/index';
import { NodeRuntime } from '../engine/nodeRuntime';
import { design, edge, node } from '../testing/designs';
import { KIND_CODE_LITERALS } from './codes';
import * as codes from './codes';
import { CATALOG, COMPONENT_KINDS, KINDS, KIND_CODES, kindCan, kindsThat, type ComponentKind } from './index';

const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the list of kinds', () => {
  it('derives the catalog, COMPONENT_KINDS and kind codes from one ordered list', () => {
    expect(COMPONENT_KINDS).toEqual(KINDS.map((spec) => spec.kind));
    expect(DOCUMENT_KINDS).toBe(COMPONENT_KINDS);
    expect(DOCUMENT_CATALOG).toBe(CATALOG);
    expect(Object.keys(CATALOG)).toEqual(COMPONENT_KINDS);
    KINDS.forEach((spec, code) => {
      expect(KIND_CODES[spec.kind]).toBe(code);
      expect(KIND_CODE_LITERALS[spec.kind]).toBe(code);
    });
    expect(Object.keys(KIND_CODE_LITERALS)).toEqual(COMPONENT_KINDS);
  });

  it('the literal K_* constants the hot path switches on are the list positions', () => {
    const literal = (kind: string) => `K_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    for (const kind of COMPONENT_KINDS)
      expect((codes as Record<string, unknown>)[literal(kind)], literal(kind)).toBe(KIND_CODES[kind]);
  });

  it('every kind has its folder with its spec file, and an icon', () => {
    for (const spec of KINDS) {
      expect(existsSync(new URL(`./${spec.kind}/${spec.kind}.ts`, import.meta.url)), spec.kind).toBe(true);
      expect(existsSync(new URL(`../../assets/icons/${spec.icon}`, import.meta.url)), spec.icon).toBe(true);
    }
  });

  it('place keys are unique single letters', () => {
    const keys = KINDS.map((spec) => spec.placeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]$/);
  });
});

describe('capabilities', () => {
  it('the kinds that queue are the ones with a worker pool or a message backlog (not balancers, gateways or limiters)', () => {
    expect(kindsThat('queues')).toEqual([
      'gateway',
      'rateLimiter',
      'loadBalancer',
      'service',
      'worker',
      'cache',
      'cdn',
      'database',
      'objectStore',
      'queue',
    ]);
  });

  it('the kinds that cache keys, proxy, throttle and originate requests', () => {
    expect(kindsThat('cachesKeys')).toEqual(['cache', 'cdn']);
    expect(kindsThat('isProxy')).toEqual(['gateway', 'rateLimiter', 'loadBalancer', 'cache', 'cdn']);
    expect(kindsThat('throttles')).toEqual(['gateway', 'rateLimiter']);
    expect(kindsThat('originatesRequests')).toEqual(['client']);
    expect(kindsThat('isTerminal')).toEqual(['database', 'objectStore']);
    expect(kindCan('nonsense', 'queues')).toBe(false);
  });

  it('instance counts and replication come from the parameters (a database counts every copy)', () => {
    const db = CATALOG.database.capabilities;
    expect(db.instanceCount({ shards: 3, replicas: 2 })).toBe(9);
    expect(db.replicated({ shards: 1, replicas: 0, replication: 'async' })).toBe(false);
    expect(db.replicated({ shards: 1, replicas: 1, replication: 'async' })).toBe(true);
    expect(db.replicated({ shards: 1, replicas: 0, replication: 'leaderless' })).toBe(true);
    expect(CATALOG.service.capabilities.instanceCount({ instances: 4 })).toBe(4);
    expect(CATALOG.queue.capabilities.instanceCount({})).toBe(1);
    expect(CATALOG.database.view.badge({ shards: 2, replicas: 1 })).toBe('2×2');
    expect(CATALOG.database.view.subtitle('Database', { shards: 1, replicas: 2 })).toBe(
      'Database · 2 replicas',
    );
    expect(CATALOG.service.view.subtitle('Service', { instances: 3 })).toBe('Service ×3');
  });
});

/** The case labels of each exported `switch (node.kindCode)` in dispatch.ts, by function. */
function switchCases(): Map<string, { cases: Set<string>; hasDefault: boolean }> {
  const text = source('./dispatch.ts');
  const out = new Map<string, { cases: Set<string>; hasDefault: boolean }>();
  const functions = text.split(/\nexport function /).slice(1);
  for (const fn of functions) {
    const name = fn.slice(0, fn.indexOf('('));
    const body = fn.slice(0, fn.search(/\n}\n/));
    if (!/switch \((node\.kindCode|code)\)/.test(body)) continue;
    const cases = new Set([...body.matchAll(/case (K_[A-Z_]+):/g)].map((m) => m[1]));
    out.set(name, { cases, hasDefault: /\bdefault:/.test(body) });
  }
  return out;
}

describe('dispatch', () => {
  const literal = (kind: ComponentKind) => `K_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  const kindsWhere = (test: (kind: ComponentKind) => boolean) => COMPONENT_KINDS.filter(test).map(literal);
  // Which kinds each hook must handle by name (a default branch is not enough for these).
  const REQUIRED: Record<string, string[]> = {
    arrive: kindsWhere((k) => !kindCan(k, 'originatesRequests')),
    childResponse: kindsWhere((k) => !kindCan(k, 'isTerminal')),
    readParams: kindsWhere(() => true),
    routeInstance: kindsWhere(
      (k) => kindCan(k, 'cachesKeys') || k === 'database' || k === 'queue' || k === 'client',
    ),
    serviceDone: kindsWhere((k) => kindCan(k, 'isProxy')),
  };

  it('every kind in the list has a case in every hook that must handle it', () => {
    const switches = switchCases();
    for (const [hook, required] of Object.entries(REQUIRED)) {
      const found = switches.get(hook);
      expect(found, `dispatch.${hook} has a switch`).toBeDefined();
      for (const code of required) expect([...found!.cases], `${hook} handles ${code}`).toContain(code);
    }
  });

  it('every case names a kind in the list', () => {
    const known = new Set(COMPONENT_KINDS.map(literal));
    for (const [hook, { cases }] of switchCases())
      for (const code of cases) expect(known.has(code), `${hook}: ${code}`).toBe(true);
  });

  it('every kind with its defaults runs behind a client (reads only parameters it declares)', () => {
    for (const kind of COMPONENT_KINDS) {
      if (kind === 'client') continue;
      const nodes = [node('client', 'client', { rps: 200 }), node('x', kind)];
      const edges = [edge('client', 'x')];
      if (kindCan(kind, 'buffersMessages')) {
        nodes.push(node('consumer', 'worker'));
        edges.push(edge('x', 'consumer'));
      } else if (!kindCan(kind, 'isTerminal')) {
        nodes.push(node('origin', 'service'));
        edges.push(edge('x', 'origin'));
      }
      const result = runDesign(design(nodes, edges, { durationS: 2 }));
      expect(result.nodes.x.arrivals, kind).toBeGreaterThan(0);
    }
  });

  it('reading a parameter the kind does not declare is an error, not a silent fallback', () => {
    const cache = new NodeRuntime(0, 'c', 'cache', KIND_CODES.cache, { capacity: 10 }, 1);
    expect(cache.numberParam('capacity')).toBe(10);
    expect(() => cache.numberParam('workers')).toThrow('cache "c" has no number parameter "workers"');
    expect(() => cache.stringParam('capacity')).toThrow('no string parameter');
    expect(cache.declares('capacity')).toBe(true);
    expect(cache.declares('toString')).toBe(false);
  });
});

describe('outside shared/kinds/, code asks capabilities and never names a kind', () => {
  // What naming a kind looks like: comparing a kind to a literal, a switch case on one, the
  // catalog entry of one, or an engine kind code. (Words such as the chart id 'queue' or the Why
  // part 'service' are not kinds; only these forms are.)
  const KIND = COMPONENT_KINDS.join('|');
  const NAMING = [
    new RegExp(`kind\\s*[!=]==?\\s*['"](${KIND})['"]`),
    new RegExp(`['"](${KIND})['"]\\s*[!=]==?\\s*[\\w.]*kind\\b`),
    new RegExp(`CATALOG(\\.(${KIND})\\b|\\[['"](${KIND})['"]\\])`),
    /\bK_[A-Z_]+\b/,
    new RegExp(`(QUEUEING|CACHE|PROXY)_KINDS\\s*=\\s*new Set`),
  ];
  const root = new URL('../../', import.meta.url);
  const sources = (folder: string): string[] =>
    readdirSync(new URL(folder, root), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => `${folder}/${file}`);

  it('finds a kind named the forbidden way (the check itself works)', () => {
    const naming = (line: string) => NAMING.some((pattern) => pattern.test(line));
    expect(naming(`if (node.kind === 'database') return 3;`)).toBe(true);
    expect(naming(`const q = CATALOG.queue.params;`)).toBe(true);
    expect(naming(`case K_CACHE:`)).toBe(true);
    expect(naming(`if (kindCan(node.kind, 'queues')) return 3;`)).toBe(false);
  });

  it('in the engine core, document, CLI, renderer and electron', () => {
    const files = [
      'shared/engine',
      'shared/document',
      'shared/cli',
      'shared/commands',
      'renderer',
      'electron',
    ]
      .filter((folder) => existsSync(new URL(folder, root)))
      .flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    const offences = files.flatMap((file) =>
      readFileSync(new URL(file, root), 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
        .filter(({ line }) => NAMING.some((pattern) => pattern.test(line)))
        .map(({ line, where }) => `${where}: ${line.trim()}`),
    );
    expect(offences).toEqual([]);
  });
});
