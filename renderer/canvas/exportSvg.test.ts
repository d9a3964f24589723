import { describe, expect, it } from 'vitest';
import { designSvg, svgDataUrl, wrapText } from './exportSvg';
import { canvasThemes } from '../ui/themeColors';
import { design, edge, node } from '../../shared/testing/designs';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/document/geometry';
import type { Design } from '../../shared/document/types';

const theme = canvasThemes.light;

const sample = (): Design => ({
  ...design(
    [
      node('users', 'client', {}, { x: 0, y: 0, label: 'Users' }),
      node('api', 'service', { instances: 3 }, { x: 300, y: 0, label: 'Checkout API' }),
      node('db', 'database', {}, { x: 600, y: 0, label: 'Orders DB' }),
    ],
    [edge('users', 'api'), edge('api', 'db', { latencyMs: 5, async: true })],
    { durationS: 1 },
    'Checkout',
  ),
  notes: [{ id: 'n1', text: 'Peak 800 req/s\nreads 90%', x: 0, y: 100, w: 180, h: 80 }],
});

describe('designSvg: the design as real SVG elements', () => {
  it('draws every card, edge and note as its own element, with the labels as text', () => {
    const { svg, width, height } = designSvg(sample(), { background: 'themed', theme })!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="node"/g)).toHaveLength(3);
    expect(svg.match(/<g class="edge"/g)).toHaveLength(2);
    expect(svg.match(/<g class="note"/g)).toHaveLength(1);
    for (const label of ['Users', 'Checkout API', 'Orders DB']) expect(svg).toContain(`>${label}</text>`);
    // Notes keep their lines; a stacked service shows its badge; the async edge is dashed and labelled.
    expect(svg).toContain('>Peak 800 req/s</tspan>');
    expect(svg).toContain('>×3</text>');
    expect(svg).toContain('stroke-dasharray="7 5"');
    expect(svg).toContain('>async · 5 ms</text>');
    // Content bounds (cards 210 × 64 centred on x, the note below) plus 32 on each side.
    expect(width).toBe(600 + NODE_WIDTH + 64);
    expect(height).toBe(100 + 80 + NODE_HEIGHT / 2 + 64);
    expect(svg).toContain(`viewBox="${-NODE_WIDTH / 2 - 32} ${-NODE_HEIGHT / 2 - 32} ${width} ${height}"`);
    expect(svg).toContain(`fill="${theme.background}"`);
  });

  it('exports only the selection, and the edges between selected nodes', () => {
    const { svg } = designSvg(sample(), {
      only: { nodes: new Set(['api', 'db']), notes: new Set() },
      background: 'transparent',
      theme,
    })!;
    expect(svg).not.toContain('>Users</text>');
    expect(svg.match(/<g class="edge"/g)).toHaveLength(1);
    expect(svg).not.toContain('class="note"');
    expect(svg).not.toContain(`fill="${theme.background}"`);
    expect(
      designSvg(sample(), { only: { nodes: new Set(), notes: new Set() }, background: 'themed', theme }),
    ).toBeNull();
  });

  it('writes a hostile label as text: no element or attribute comes from it', () => {
    const doc = sample();
    doc.nodes[0].label = '<script>alert(1)</script><a href="x">';
    doc.meta.title = '"/><script>';
    const { svg } = designSvg(doc, { background: 'themed', theme })!;
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<a ');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;x&quot;&gt;');
  });

  it('embeds each kind icon as nested SVG drawn in white on the kind tile', () => {
    const { svg } = designSvg(sample(), { background: 'themed', theme })!;
    expect(svg.match(/<svg x="[-\d.]+" y="-12" width="24" height="24"/g)).toHaveLength(3);
    expect(svg).toContain('color="#ffffff"');
  });

  it('wraps note text into lines and cuts what does not fit with an ellipsis', () => {
    const lines = wrapText('one two three four five six', '15px sans-serif', 60, 2);
    expect(lines.length).toBe(2);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(wrapText('a\nb', '15px sans-serif', 500, 5)).toEqual(['a', 'b']);
  });

  it('makes a base64 data URL of UTF-8 text', () => {
    const url = svgDataUrl('<svg>→</svg>');
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(new TextDecoder().decode(Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0)))).toBe(
      '<svg>→</svg>',
    );
  });
});
