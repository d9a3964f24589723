// Property tests (fast-check, seeded): what any file can do to parseDesign. Arbitrary JSON never
// throws: it is refused with problems (each naming where, e.g. `nodes[3].kind: …`) or it yields a
// design; every valid design saves (JSON, as the file is written) and reopens identically; and a
// valid design mutated at one random place is either still valid or refused with a path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDesign } from './validate';
import { designArbitrary } from '../testing/randomDesign';
import type { Design } from './types';

const saved = (design: Design) => `${JSON.stringify(design, null, 2)}\n`;

/** A problem names where it is (a JSON path, or the file as a whole: `This design was made by a newer version…`) in words. */
const PROBLEM = /^([\w$]+(\[\d+\])?(\.[\w$]+(\[\d+\])?)*: |the |not |nested |… and |This design )/;

describe('parseDesign on arbitrary input', () => {
  it('never throws on arbitrary JSON values or text: refuses with readable problems, or yields a design', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.anything()), (input) => {
        const result = parseDesign(input);
        if (result.ok) expect(parseDesign(saved(result.design)).ok).toBe(true);
        else {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(problem).toMatch(PROBLEM);
            expect(problem).not.toMatch(/\n\s+at /); // never a stack trace
          }
        }
      }),
      { numRuns: 2000, seed: 15 },
    );
  });

  it('a valid design saves and reopens identically', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        // The engine's arbitrary also makes chaos steps the file refuses (a kill aimed at an edge).
        const first = parseDesign(saved(design));
        fc.pre(first.ok);
        if (!first.ok) return;
        const again = parseDesign(saved(first.design));
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.design).toEqual(first.design);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('a valid design with one field replaced by any JSON value is kept or refused with its path, never thrown', () => {
    const mutation = fc.record({
      design: designArbitrary,
      pick: fc.nat(),
      value: fc.jsonValue(),
    });
    fc.assert(
      fc.property(mutation, ({ design, pick, value }) => {
        const places: { holder: Record<string, unknown>; key: string }[] = [];
        const collect = (node: unknown) => {
          if (node === null || typeof node !== 'object') return;
          for (const key of Object.keys(node)) {
            places.push({ holder: node as Record<string, unknown>, key });
            collect((node as Record<string, unknown>)[key]);
          }
        };
        const copy = structuredClone(design) as unknown as Record<string, unknown>;
        collect(copy);
        const place = places[pick % places.length];
        place.holder[place.key] = value;
        const result = parseDesign(JSON.parse(JSON.stringify(copy)));
        if (!result.ok) for (const problem of result.problems) expect(problem).toMatch(PROBLEM);
        else expect(parseDesign(saved(result.design)).ok).toBe(true);
      }),
      { numRuns: 1000, seed: 17 },
    );
  });
});
