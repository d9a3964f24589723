// eslint-disable-next-line no-restricted-imports -- the tests (not the core) read fixture files
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionProblem } from './connections';
import { parseDesign } from './validate';
import type { Design } from './types';
import { designFrom, edge, node } from '../testing/designs';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The checkout fixture: client-1 → service-1 → database-1. */
function checkout(): Design {
  const result = parseDesign(fixture('v1-checkout.bpd'));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.design;
}

describe('the one connection rule (editor and file share it)', () => {
  it('refuses self-loops, duplicates and what the catalog refuses, and allows the rest', () => {
    const design = checkout();
    const [client, service, database] = design.nodes;
    expect(connectionProblem(design, service.id, service.id)).toBe(
      `${service.label} cannot connect to itself.`,
    );
    expect(connectionProblem(design, client.id, service.id)).toBe(
      `${client.label} is already connected to ${service.label}.`,
    );
    expect(connectionProblem(design, service.id, client.id)).toBe(
      'A client only sends traffic; nothing connects into it.',
    );
    expect(connectionProblem(design, database.id, service.id)).toMatch(/final destination/);
    expect(connectionProblem(design, client.id, database.id)).toBeNull();
  });
});

describe('opening a file applies the editor’s connection rule', () => {
  it('refuses a connection into a client with its JSON path', () => {
    const design = checkout();
    const [client, service] = design.nodes;
    design.edges.push({ id: 'back', from: service.id, to: client.id, params: {} });
    const index = design.edges.length - 1;
    expect(parseDesign(design)).toEqual({
      ok: false,
      problems: [`edges[${index}]: A client only sends traffic; nothing connects into it.`],
    });
  });

  it('refuses a self-loop and a duplicate connection, naming each edge', () => {
    const design = checkout();
    const service = design.nodes[1];
    const first = design.edges[0];
    design.edges.push({ id: 'loop', from: service.id, to: service.id, params: {} });
    design.edges.push({ id: 'again', from: first.from, to: first.to, params: {} });
    const count = design.edges.length;
    const fromLabel = design.nodes.find((node) => node.id === first.from)!.label;
    const toLabel = design.nodes.find((node) => node.id === first.to)!.label;
    const result = parseDesign(design);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([
        `edges[${count - 2}]: ${service.label} cannot connect to itself.`,
        `edges[${count - 1}]: ${fromLabel} is already connected to ${toLabel}.`,
      ]);
  });

  it('still opens the checkout fixtures unchanged', () => {
    expect(parseDesign(fixture('v1-checkout.bpd')).ok).toBe(true);
    expect(parseDesign(fixture('v0-checkout.bpd')).ok).toBe(true);
  });
});

describe('auth connections (edge filter auth)', () => {
  const nodes = [
    node('users', 'client', {}, { label: 'Users' }),
    node('edge', 'gateway', { auth: 'session' }, { label: 'Edge' }),
    node('api', 'service', {}, { label: 'API' }),
    node('sessions', 'cache', {}, { label: 'Sessions' }),
  ];

  it('a gateway may reach a session store (cache or database) or an auth service: the editor allows it', () => {
    const drawn = designFrom({ nodes, edges: [] });
    for (const store of ['sessions', 'api']) expect(connectionProblem(drawn, 'edge', store)).toBeNull();
  });

  it('opens with no warning when a looking-up gateway has its auth connection', () => {
    const result = parseDesign(
      designFrom({
        nodes,
        edges: [edge('users', 'edge'), edge('edge', 'api'), edge('edge', 'sessions', { filter: 'auth' })],
      }),
    );
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('warns (and still opens) when an auth connection carries nothing, or a looking-up gateway has none', () => {
    const result = parseDesign(
      designFrom({
        nodes,
        edges: [
          edge('users', 'edge'),
          edge('edge', 'api'),
          edge('api', 'sessions', { filter: 'auth' }),
          edge('edge', 'sessions', { filter: 'auth', async: true }),
        ],
      }),
    );
    expect(result.ok && result.warnings).toEqual([
      'edges[2].params.filter: an auth connection carries only the lookups of a gateway checking sessions or tokens (auth session or introspection); from API it carries nothing',
      'edges[3].params.filter: an auth lookup waits for its answer; an async auth connection carries nothing',
      'nodes[1].params.auth: Edge looks callers up over an auth connection and has none: every request fails (or passes unchecked, failing open)',
    ]);
  });
});
