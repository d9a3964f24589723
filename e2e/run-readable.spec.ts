// Pressing Run opens the dock and re-fits the canvas; the running design must stay readable on a
// shared screen at 1280×720: never below the zoom where card text is dropped, with every card's
// live "rps · p99" pill drawn.
import { test, expect } from '@playwright/test';
import type { Design } from '../shared/document/types';
import { openWithDesign, waitForSimTime } from './run-helpers';
import { viewportOf } from './canvas-helpers';

type Api = Record<string, (...args: unknown[]) => unknown>;

/** The mock-interview design as a candidate draws it: client → LB → 3 services → cache → DB, top to bottom. */
function interviewDesign(): Design {
  const node = (id: string, kind: Design['nodes'][number]['kind'], label: string, x: number, y: number) => ({
    id,
    kind,
    label,
    x,
    y,
    params: {},
  });
  const nodes = [
    node('client', 'client', 'Client', 0, 0),
    node('lb', 'loadBalancer', 'Load balancer', 0, 130),
    node('svc1', 'service', 'Service 1', -260, 260),
    node('svc2', 'service', 'Service 2', 0, 260),
    node('svc3', 'service', 'Service 3', 260, 260),
    node('cache', 'cache', 'Cache', 0, 390),
    node('db', 'database', 'Orders DB', 0, 520),
  ];
  const edge = (from: string, to: string) => ({ id: `e-${from}-${to}`, from, to, params: {} });
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title: 'Interview', notes: '' },
    nodes,
    edges: [
      edge('client', 'lb'),
      edge('lb', 'svc1'),
      edge('lb', 'svc2'),
      edge('lb', 'svc3'),
      edge('svc1', 'cache'),
      edge('svc2', 'cache'),
      edge('svc3', 'cache'),
      edge('cache', 'db'),
    ],
    notes: [],
    scenario: { durationS: 60, seed: 1, warmupS: 2, events: [] },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

test('pressing Run on the interview design at 1280×720 keeps every label and live pill drawn', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWithDesign(page, interviewDesign());
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await waitForSimTime(page, 4_000);
  // The dock opened and the canvas re-fitted: still at or above the zoom where text is drawn.
  await expect.poll(async () => (await viewportOf(page)).scale).toBeGreaterThanOrEqual(0.5);
  await expect
    .poll(async () => {
      const stats = (await page.evaluate(() => (window.__backpressure as unknown as Api).liveLayer())) as {
        pills: Record<string, string>;
      };
      return Object.keys(stats.pills).sort();
    })
    .toEqual(['cache', 'client', 'db', 'lb', 'svc1', 'svc2', 'svc3']);
  const stats = (await page.evaluate(() => (window.__backpressure as unknown as Api).liveLayer())) as {
    pills: Record<string, string>;
  };
  for (const text of Object.values(stats.pills)) expect(text).toMatch(/rps · p99 /);
  await page.screenshot({ path: '/tmp/run-readable.png' });
});
