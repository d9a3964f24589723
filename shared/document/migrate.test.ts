// eslint-disable-next-line no-restricted-imports -- the tests (not the core) read fixture files
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDesign } from './migrate';
import { parseDesign } from './validate';
import { DESIGN_VERSION } from './types';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('migration', () => {
  it('opens a version 0 file as the same design a version 1 file describes', () => {
    const fromV0 = parseDesign(fixture('v0-checkout.bpd'));
    const current = parseDesign(fixture('v1-checkout.bpd'));
    expect(fromV0.ok && current.ok).toBe(true);
    if (!fromV0.ok || !current.ok) return;
    expect(fromV0.design.version).toBe(DESIGN_VERSION);
    expect(fromV0.design.nodes).toEqual(current.design.nodes);
    expect(fromV0.design.edges).toEqual(current.design.edges);
    expect(fromV0.design.scenario).toEqual(current.design.scenario);
    expect(fromV0.design.meta.title).toBe('Checkout (version 0 file)');
    expect(fromV0.warnings).toEqual(['migrated from file version 0; saving writes version 1']);
  });

  it('refuses a file from a newer version with a message saying so', () => {
    // Written by hand on purpose: a file from a version the builders (and this app) cannot make.
    const newer = JSON.stringify({
      format: 'backpressure.design',
      version: DESIGN_VERSION + 1,
      nodes: [],
      edges: [],
    });
    const result = parseDesign(newer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      `This design was made by a newer version of Backpressure (file version ${DESIGN_VERSION + 1}; this app reads up to version ${DESIGN_VERSION}). Update Backpressure to open it.`,
    ]);
  });

  it('refuses a version that is not a whole number', () => {
    expect(migrateDesign({ format: 'backpressure.design', version: '1' })).toEqual({
      ok: false,
      problem: 'version: must be a whole number (got "1")',
    });
  });

  it('leaves a current file untouched', () => {
    const current = JSON.parse(fixture('v1-checkout.bpd'));
    const result = migrateDesign(current);
    expect(result).toEqual({ ok: true, document: current, migratedFrom: null });
  });
});
