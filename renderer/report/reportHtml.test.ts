import { describe, expect, it } from 'vitest';
import { buildReportHtml, escapeHtml, isEmbeddableImage } from './reportHtml';
import type { Report } from './report';

const INJECTION = `<img src=x onerror="alert('pwned')">`;

/** Every src= and href= value in the document. */
const links = (html: string) =>
  [...html.matchAll(/\b(?:src|href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) =>
    m[1].replace(/^["']|["']$/g, ''),
  );

const PNG_1PX =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const report = (overrides: Partial<Report> = {}): Report => ({
  title: 'Checkout',
  subtitle: 'Run report',
  sections: [
    { heading: 'Numbers', blocks: [{ type: 'paragraph', text: 'p99 12 ms' }] },
    {
      heading: 'Numbers',
      blocks: [
        {
          type: 'table',
          columns: [{ label: 'Node' }, { label: 'p99', align: 'right' }],
          rows: [['API', '12 ms']],
        },
      ],
    },
  ],
  ...overrides,
});

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });
});

describe('buildReportHtml', () => {
  it('writes user text (titles, labels, cells, alt text) as text, never as markup', () => {
    const html = buildReportHtml({
      title: INJECTION,
      subtitle: INJECTION,
      meta: [{ label: INJECTION, value: INJECTION }],
      sections: [
        {
          heading: INJECTION,
          blocks: [
            { type: 'paragraph', text: `</p><script>alert(1)</script>` },
            { type: 'facts', items: [{ label: INJECTION, value: INJECTION }] },
            { type: 'list', items: [INJECTION] },
            {
              type: 'table',
              caption: INJECTION,
              columns: [{ label: INJECTION }],
              rows: [[INJECTION], [{ text: INJECTION, title: '" onmouseover="x' }]],
            },
            { type: 'image', src: PNG_1PX, alt: `" onerror="alert(1)`, caption: INJECTION },
            {
              type: 'bars',
              legend: [{ key: 'queueing', label: INJECTION }],
              rows: [
                {
                  label: INJECTION,
                  share: 0.5,
                  total: INJECTION,
                  parts: [{ key: 'queueing', fraction: 1, title: '"><b>x' }],
                },
              ],
            },
          ],
        },
      ],
      footer: INJECTION,
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror="alert');
    expect(html).not.toContain('" onmouseover="');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(&#39;pwned&#39;)&quot;&gt;');
    // The only element attributes come from the builder: one img, with the data URL.
    expect(html.match(/<img /g)).toHaveLength(1);
  });

  it('is self-contained: no script, no http(s) link or source, a policy that blocks any load', () => {
    const html = buildReportHtml(
      report({
        sections: [
          {
            heading: 'Pictures',
            blocks: [
              { type: 'image', src: PNG_1PX, alt: 'a dot' },
              { type: 'image', src: 'https://example.com/tracker.png', alt: 'remote picture' },
              { type: 'image', src: '//example.com/x.png', alt: 'protocol-relative picture' },
              { type: 'image', src: 'javascript:alert(1)', alt: 'script' },
            ],
          },
          { heading: 'More', blocks: [] },
        ],
      }),
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const value of links(html)) expect(value).toMatch(/^(data:image\/|#)/);
    expect(links(html)).toContain(PNG_1PX);
    expect(html).toContain('[Image left out: remote picture]');
    expect(html).toContain('[Image left out: protocol-relative picture]');
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  it('accepts only image data URLs', () => {
    expect(isEmbeddableImage(PNG_1PX)).toBe(true);
    expect(isEmbeddableImage('data:image/svg+xml;base64,PHN2Zy8+')).toBe(true);
    expect(isEmbeddableImage('data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E')).toBe(true);
    expect(isEmbeddableImage('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isEmbeddableImage('http://example.com/a.png')).toBe(false);
    expect(isEmbeddableImage(' data:image/png;base64,AA')).toBe(false);
  });

  it('lists each section in the contents with a unique anchor, also for repeated headings', () => {
    const html = buildReportHtml(report());
    expect(html).toContain('<a href="#numbers">Numbers</a>');
    expect(html).toContain('<a href="#numbers-2">Numbers</a>');
    expect(html).toContain('<section id="numbers">');
    expect(html).toContain('<section id="numbers-2">');
  });

  it('right-aligns number columns and writes an empty table as its message', () => {
    const html = buildReportHtml(
      report({
        sections: [
          {
            heading: 'Tables',
            blocks: [
              {
                type: 'table',
                columns: [{ label: 'Node' }, { label: 'p99', align: 'right' }],
                rows: [['API', '12 ms']],
              },
              {
                type: 'table',
                caption: 'Faults',
                columns: [{ label: 'At' }],
                rows: [],
                empty: 'No scheduled steps.',
              },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('<td>API</td><td class="num">12 ms</td>');
    expect(html).toContain('<p class="tone-muted">No scheduled steps.</p>');
    expect(html).not.toContain('<th>At</th>');
  });

  it('draws stacked bars with segment widths from their fractions and the parts spelled out', () => {
    const html = buildReportHtml(
      report({
        sections: [
          {
            heading: 'Why',
            blocks: [
              {
                type: 'bars',
                legend: [
                  { key: 'queueing', label: 'queueing' },
                  { key: 'service', label: 'service' },
                ],
                rows: [
                  {
                    label: 'DB',
                    share: 0.8,
                    total: '40 ms',
                    parts: [
                      { key: 'queueing', fraction: 0.75, title: 'queueing 30 ms (75%)' },
                      { key: 'service', fraction: 0.25, title: 'service 10 ms (25%)' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('class="bar" style="width:80.00%"');
    expect(html).toContain('class="bar-part bar-style-0" style="width:75.00%"');
    expect(html).toContain('class="bar-part bar-style-1" style="width:25.00%"');
    expect(html).toContain('queueing 30 ms (75%) · service 10 ms (25%)');
  });
});
