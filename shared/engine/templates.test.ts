// The bundled templates (assets/templates): valid documents that run, laid out for today's
// cards. Node x, y is the card's centre; a card is 210 × 64 world units (NODE_WIDTH × NODE_HEIGHT
// in shared/document/geometry.ts).
import { describe, expect, it } from 'vitest';
import { parseDesign } from '../document/validate';
import { runDesign } from './index';
import { template } from '../testing/templates';

const NAMES = [
  'auth-at-the-edge',
  'cap-partition',
  'chat',
  'failover-lab',
  'flash-sale',
  'mm1',
  'news-feed',
  'one-page-three-ways',
  'photo-sharing',
  'rate-limited-api',
  'six-tier-reference',
  'three-tier',
  'url-shortener',
] as const;
const CARD_WIDTH = 210;
const CARD_HEIGHT = 64;
/** Room for an edge and its label between two cards. */
const GAP = 60;

describe.each(NAMES)('template %s', (name) => {
  const design = template(name);

  it('is a valid document', () => {
    expect(parseDesign(design).ok).toBe(true);
  });

  it('has no two cards overlapping (with room for an edge between them)', () => {
    for (const a of design.nodes)
      for (const b of design.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= CARD_WIDTH + GAP || Math.abs(a.y - b.y) >= CARD_HEIGHT + GAP;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
  });

  it('reads left to right: every connection goes right, or straight up or down', () => {
    const at = new Map(design.nodes.map((n) => [n.id, n]));
    for (const edge of design.edges) {
      const from = at.get(edge.from)!;
      const to = at.get(edge.to)!;
      expect(to.x > from.x || to.x === from.x, edge.id).toBe(true);
    }
  });

  it('runs without failures on a quiet day (10 simulated seconds)', () => {
    const result = runDesign(design, { durationS: 10, warmupS: 2 });
    expect(result.global.completed).toBeGreaterThan(0);
    expect(result.global.failed).toBe(0);
  });
});
