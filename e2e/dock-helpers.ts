// Shared set-up for the run dock's specs: small designs whose behaviour is known from queueing
// theory, and reads of what the dock shows.
import { expect, type Page } from '@playwright/test';
import type { Design, DesignEdge, DesignNode, ScenarioEvent } from '../shared/document/types';
import type { Api } from './canvas-helpers';
import { openWithDesign, runInfo, waitForSimTime as waitForRunSimTime } from './run-helpers';

/**
 * Users → API (one worker, 5 ms exponential service: capacity 200 rps). At 100 rps it is an M/M/1
 * at ρ = 0.5 (p99 ≈ 46 ms, inside the 200 ms SLO); a ×3 spike makes λ = 300 > μ, so the queue grows
 * without bound and p99 breaks the SLO — time spent waiting in the API's queue.
 */
export function overloadDesign(events: ScenarioEvent[] = [], durationS = 60): Design {
  const nodes: DesignNode[] = [
    { id: 'users', kind: 'client', label: 'Users', x: 0, y: 0, params: { rps: 100, timeoutMs: 30_000 } },
    {
      id: 'api',
      kind: 'service',
      label: 'API',
      x: 300,
      y: 0,
      params: { workers: 1, serviceTimeMs: 5, serviceDist: 'exp' },
    },
  ];
  const edges: DesignEdge[] = [{ id: 'e-users-api', from: 'users', to: 'api', params: {} }];
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title: 'Overload', notes: '' },
    nodes,
    edges,
    notes: [],
    scenario: { durationS, seed: 11, warmupS: 1, events },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

/**
 * Users (230 rps) → API (256 workers, 1 ms: never short of a worker) → Orders DB (one connection, 4 ms per
 * query: capacity 250 rps, so ρ ≈ 0.92). The slowest requests are the ones that queued at the DB.
 */
export function dbBottleneckDesign(durationS = 60): Design {
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title: 'DB bottleneck', notes: '' },
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', x: 0, y: 0, params: { rps: 230, timeoutMs: 30_000 } },
      { id: 'api', kind: 'service', label: 'API', x: 280, y: 0, params: { workers: 256, serviceTimeMs: 1 } },
      {
        id: 'db',
        kind: 'database',
        label: 'Orders DB',
        x: 560,
        y: 0,
        params: { workers: 1, readTimeMs: 4, writeTimeMs: 4, replicas: 0 },
      },
    ],
    edges: [
      { id: 'users->api', from: 'users', to: 'api', params: {} },
      { id: 'api->db', from: 'api', to: 'db', params: {} },
    ],
    notes: [],
    scenario: { durationS, seed: 5, warmupS: 2, events: [] },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

/** Users → API → Cache → Orders DB (leader + 2 async followers): every chart has something to plot. */
export function webDesign(events: ScenarioEvent[] = [], durationS = 60): Design {
  return {
    format: 'backpressure.design',
    version: 1,
    meta: { title: 'Web', notes: '' },
    nodes: [
      {
        id: 'users',
        kind: 'client',
        label: 'Users',
        x: 0,
        y: 0,
        params: { rps: 200, readRatio: 0.8, timeoutMs: 2000 },
      },
      {
        id: 'api',
        kind: 'service',
        label: 'API',
        x: 250,
        y: 0,
        params: { instances: 2, workers: 4, serviceTimeMs: 4 },
      },
      { id: 'cache', kind: 'cache', label: 'Cache', x: 500, y: -100, params: { capacity: 2000 } },
      {
        id: 'db',
        kind: 'database',
        label: 'Orders DB',
        x: 500,
        y: 100,
        params: { replicas: 2, replication: 'async', heartbeatMs: 500, failoverAfter: 3 },
      },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'api', params: {} },
      { id: 'e2', from: 'api', to: 'cache', params: { filter: 'reads' } },
      { id: 'e3', from: 'cache', to: 'db', params: {} },
      { id: 'e4', from: 'api', to: 'db', params: { filter: 'writes' } },
    ],
    notes: [],
    scenario: { durationS, seed: 5, warmupS: 1, events },
    slo: { p99Ms: 200, minThroughputRps: 0, maxErrorRate: 0.01 },
  };
}

export async function openDock(page: Page, doc: Design): Promise<void> {
  await openWithDesign(page, doc);
  await expect(page.getByTestId('timeline')).toBeVisible();
}

/** Starts the run with the Run key on the canvas (Space), at the given speed. */
export async function startRun(page: Page, speed: number): Promise<void> {
  await page.evaluate((value) => (window.__backpressure as unknown as Api).setRunSpeed(value), speed);
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => runStatus(page)).toBe('running');
}

export const runStatus = async (page: Page) => (await runInfo(page)).status;

export const simTimeMs = async (page: Page) => (await runInfo(page)).simTimeMs;

/** The dock's specs run longer designs: a longer default wait than the run specs'. */
export const waitForSimTime = (page: Page, ms: number, timeout = 30_000) =>
  waitForRunSimTime(page, ms, timeout);

export async function pauseRun(page: Page): Promise<void> {
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => runStatus(page)).not.toBe('running');
}

export const cursorS = (page: Page) =>
  page.evaluate(
    () => ((window.__backpressure as unknown as Api).runState() as { cursorS: number | null }).cursorS,
  );

/** The sample the dock shows (at the cursor, or the newest). */
export const dockSample = (page: Page) =>
  page.evaluate(
    () =>
      (window.__backpressure as unknown as Api).dockSample() as {
        tS: number;
        global: { throughputRps: number; p99Ms: number };
      } | null,
  );

/** Points uPlot currently draws in a chart. */
export const chartPoints = (page: Page, chart: string) =>
  page.getByTestId(`chart-${chart}`).locator('.run-chart-plot').getAttribute('data-points').then(Number);

/** Screen x of a sim time on the timeline strip. */
export async function timelineX(page: Page, tS: number): Promise<{ x: number; y: number }> {
  const strip = page.getByTestId('timeline');
  const box = (await strip.boundingBox())!;
  const spanS = Number(await strip.getAttribute('data-span-s'));
  return { x: box.x + (tS / spanS) * box.width, y: box.y + box.height / 2 };
}
