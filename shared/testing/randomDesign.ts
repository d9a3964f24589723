// fast-check arbitraries for random valid designs (property tests): any kinds, any wiring the
// editor allows (cycles included), parameters anywhere in their catalog ranges, scaled down so a
// run stays small, plus random chaos.
import fc from 'fast-check';
import {
  CATALOG,
  COMPONENT_KINDS,
  EDGE_PARAMS,
  connectionRefusal,
  type ComponentKind,
  type ParamSpecs,
} from '../document/catalog';
import { CHAOS_ACTIONS, type Design, type Params } from '../document/types';

/** Upper bounds that keep one random run to a few thousand requests. */
const CAPS: Record<string, number> = {
  rps: 300,
  users: 40,
  instances: 4,
  workers: 8,
  capacity: 500,
  shards: 3,
  replicas: 2,
  serviceTimeMs: 40,
  readTimeMs: 20,
  writeTimeMs: 20,
  hitTimeMs: 5,
  overheadMs: 5,
  latencyMs: 20,
  thinkTimeMs: 500,
  retries: 3,
  virtualNodes: 50,
  queueCapacity: 50,
  maxConnections: 100,
  burst: 50,
  rate: 500,
  electionMs: 1500,
  replicationLagMs: 200,
  visibilityTimeoutMs: 3000,
  maxReceives: 5,
  rows: 10_000_000,
  keys: 1_000_000_000,
  // Payloads: sizes up to 50 KB (objects 200 KB) over links of up to 100 Mbit/s.
  readRequestKB: 50,
  readResponseKB: 50,
  writeRequestKB: 50,
  writeResponseKB: 50,
  objectKB: 200,
  bandwidthMbps: 100,
  callsPerRequest: 6,
};

function paramsArbitrary(specs: ParamSpecs): fc.Arbitrary<Params> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(specs)) {
    let value: fc.Arbitrary<unknown>;
    if (spec.type === 'enum') value = fc.constantFrom(...spec.options);
    else if (spec.type === 'boolean') value = fc.boolean();
    else {
      const cap = CAPS[name] ?? Math.max(spec.min, Math.min(spec.max, (spec.default ?? spec.min + 1) * 4));
      const max = Math.min(spec.max, Math.max(spec.min, cap));
      value = spec.integer
        ? fc.integer({ min: Math.ceil(spec.min), max: Math.floor(max) })
        : fc.double({ min: spec.min, max, noNaN: true, noDefaultInfinity: true });
    }
    entries[name] = fc.option(value, { nil: undefined, freq: 2 });
  }
  return fc.record(entries).map((record) => {
    const params: Params = {};
    for (const [name, value] of Object.entries(record))
      if (value !== undefined) params[name] = value as never;
    return params;
  });
}

/**
 * The parameters random designs are drawn over: every kind's and the edges', in catalog order.
 * The golden fingerprints draw theirs over the lists recorded with them (golden.params.json), so
 * a parameter added later (off by default) leaves those designs — and their fingerprints — as
 * they were: the proof that files without it behave exactly as before.
 */
export interface ParamLists {
  kinds: Partial<Record<ComponentKind, readonly string[]>>;
  edge: readonly string[];
}

/** Every parameter the catalog declares today. */
export function catalogParamLists(): ParamLists {
  return {
    kinds: Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, Object.keys(CATALOG[kind].params)])),
    edge: Object.keys(EDGE_PARAMS),
  };
}

/** The specs of the listed parameters only, in catalog order (a name the catalog lost is skipped). */
function listed(specs: ParamSpecs, names: readonly string[] | undefined): ParamSpecs {
  if (!names) return specs;
  return Object.fromEntries(Object.entries(specs).filter(([name]) => names.includes(name)));
}

/** Random valid designs over the given parameter lists (default: every catalog parameter). */
export function designArbitraryOver(lists: ParamLists = catalogParamLists()): fc.Arbitrary<Design> {
  return fc
    .record({
      clients: fc.integer({ min: 1, max: 2 }),
      kinds: fc.array(fc.constantFrom(...COMPONENT_KINDS.filter((k) => k !== 'client')), {
        minLength: 1,
        maxLength: 6,
      }),
      wiring: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 14 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      chaos: fc.array(
        fc.record({
          atS: fc.double({ min: 0, max: 3, noNaN: true }),
          // The actions random designs had before `partition`, so the golden sample stays as it
          // was; partitions have their own property test.
          action: fc.constantFrom(...CHAOS_ACTIONS.filter((action) => action !== 'partition')),
          pick: fc.nat(),
          instance: fc.nat({ max: 3 }),
          factor: fc.option(fc.double({ min: 0.1, max: 5, noNaN: true }), { nil: undefined }),
          durationS: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
        }),
        { maxLength: 5 },
      ),
    })
    .chain(({ clients, kinds, wiring, seed, chaos }) => {
      const allKinds: ComponentKind[] = [
        ...Array.from({ length: clients }, () => 'client' as const),
        ...kinds,
      ];
      return fc
        .tuple(
          fc.tuple(...allKinds.map((k) => paramsArbitrary(listed(CATALOG[k].params, lists.kinds[k])))),
          fc.array(paramsArbitrary(listed(EDGE_PARAMS, lists.edge)), {
            minLength: wiring.length,
            maxLength: wiring.length,
          }),
        )
        .map(([nodeParams, edgeParams]) => {
          const nodes = allKinds.map((kind, i) => ({
            id: `${kind}${i}`,
            kind,
            label: kind,
            x: 0,
            y: 0,
            params: nodeParams[i],
          }));
          const edges: Design['edges'] = [];
          const seen = new Set<string>();
          wiring.forEach(([a, b], k) => {
            const from = nodes[a % nodes.length];
            const to = nodes[b % nodes.length];
            if (from === to || seen.has(`${from.id}>${to.id}`) || connectionRefusal(from.kind, to.kind))
              return;
            seen.add(`${from.id}>${to.id}`);
            edges.push({ id: `e${k}`, from: from.id, to: to.id, params: edgeParams[k] });
          });
          const targets = [...nodes.map((n) => n.id), ...edges.map((e) => e.id)];
          const events = chaos.map((c) => {
            let target = targets[c.pick % targets.length];
            if (c.instance > 0 && !target.startsWith('e')) target = `${target}:${c.instance - 1}`;
            return { atS: c.atS, action: c.action, target, factor: c.factor, durationS: c.durationS };
          });
          const design: Design = {
            format: 'backpressure.design',
            version: 1,
            meta: { title: 'random', notes: '' },
            nodes,
            edges,
            notes: [],
            scenario: {
              durationS: 4,
              seed,
              warmupS: 0,
              events: events.map((e) => JSON.parse(JSON.stringify(e))),
            },
            slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
          };
          return design;
        });
    });
}

export const designArbitrary: fc.Arbitrary<Design> = designArbitraryOver();
