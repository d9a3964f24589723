// Payloads, bandwidth and protocols (payloads.ts): a link is a FIFO station whose service time is
// size ÷ bandwidth, so it must queue as queueing theory says; and the same page served over REST,
// gRPC and GraphQL must cost what the stated protocol table (shared/document/protocols.ts) and
// the round trips say, with every number read from the model's run.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_COSTS, type Protocol } from '../document/protocols';
import type { Design } from '../document/types';
import { createSimulation, runDesign } from './index';
import { design, edge, mmcDesign, node } from '../testing/designs';
import { relativeError } from '../testing/theory';

/** Poisson requests of `requestKB` over a link of `mbps` into an instant server: the link is the station. */
function linkDesign(options: {
  lambdaRps: number;
  requestKB: number;
  responseKB?: number;
  mbps: number;
  durationS: number;
  seed?: number;
}): Design {
  return design(
    [
      node('client', 'client', {
        rps: options.lambdaRps,
        readRatio: 1,
        keyDistribution: 'uniform',
        readRequestKB: options.requestKB,
        readResponseKB: options.responseKB ?? 0,
        timeoutMs: 3_600_000,
      }),
      node('server', 'service', { workers: 64, serviceTimeMs: 0 }),
    ],
    [edge('client', 'server', { latencyMs: 0, bandwidthMbps: options.mbps }, 'link')],
    { durationS: options.durationS, warmupS: 10, seed: options.seed ?? 1 },
  );
}

describe('bandwidth: a link queues like a single FIFO server', () => {
  it('constant 2 KB messages at ρ = λ·size/bandwidth = 0.8 match M/D/1 (Pollaczek–Khinchine Wq = ρD / 2(1 − ρ)) within 5%', () => {
    // D = 2 KB × 8 / 8 Mbit/s = 2 ms; λ = 400/s → ρ = 0.8, Wq = 0.8 × 2 / (2 × 0.2) = 4 ms.
    const lambdaPerMs = 0.4;
    const sendMs = (2 * 8) / 8;
    const rho = lambdaPerMs * sendMs;
    const waitMs = (rho * sendMs) / (2 * (1 - rho));
    const result = runDesign(linkDesign({ lambdaRps: 400, requestKB: 2, mbps: 8, durationS: 500, seed: 3 }));
    const link = result.edges!.link.forward;
    expect(relativeError(link.meanWaitMs, waitMs)).toBeLessThan(0.05);
    expect(relativeError(link.utilization, rho)).toBeLessThan(0.02);
    // The wait is the request's: end to end = wait + send time (no latency, no service time).
    expect(relativeError(result.global.latencyMs.mean!, waitMs + sendMs)).toBeLessThan(0.05);
    // 2 KB each (but the backlog still waiting at the end), 2 KB × 8 / run time Mbit/s.
    expect(relativeError(link.kilobytes, 2 * link.transfers)).toBeLessThan(1e-3);
    expect(relativeError(link.meanMbps, (link.kilobytes * 8) / 490_000)).toBeLessThan(1e-6);
  });

  it('at ρ = 0.5 the wait halves the service time (Wq = ρD / 2(1 − ρ) = D/2) within 5%, and an idle way back reads 0', () => {
    // 10 KB at 40 Mbit/s: D = 2 ms; λ = 250/s → ρ = 0.5, Wq = 1 ms.
    const result = runDesign(
      linkDesign({ lambdaRps: 250, requestKB: 10, mbps: 40, durationS: 500, seed: 5 }),
    );
    const link = result.edges!.link;
    expect(relativeError(link.forward.meanWaitMs, 1)).toBeLessThan(0.05);
    expect(relativeError(link.forward.utilization, 0.5)).toBeLessThan(0.02);
    expect(link.back.utilization).toBe(0);
    expect(link.back.kilobytes).toBe(0);
  });

  it('the live utilisation gauge of each direction reads λ·size/bandwidth (requests forward, responses back)', () => {
    // Forward 1 KB at 10 Mbit/s, 300/s: 0.8 ms each → 0.24; back 3 KB: 2.4 ms each → 0.72.
    const sim = createSimulation(
      linkDesign({ lambdaRps: 300, requestKB: 1, responseKB: 3, mbps: 10, durationS: 120, seed: 2 }),
    );
    const layout = sim.gaugeLayout();
    const fields = layout.edgeFields;
    const forward: number[] = [];
    const back: number[] = [];
    const mbps: number[] = [];
    for (let s = 11; s <= 120; s++) {
      sim.runUntil(s * 1000);
      const g = sim.gauges().edges;
      forward.push(g[fields.indexOf('forwardUtilization')]);
      back.push(g[fields.indexOf('backUtilization')]);
      mbps.push(g[fields.indexOf('backMbps')]);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(relativeError(mean(forward), 0.3 * 0.8)).toBeLessThan(0.03);
    expect(relativeError(mean(back), 0.3 * 2.4)).toBeLessThan(0.03);
    // 300 responses of 3 KB a second = 7.2 Mbit/s.
    expect(relativeError(mean(mbps), (300 * 3 * 8) / 1000)).toBeLessThan(0.03);
  });

  it('a design without payloads has no edges section and no link time (its JSON is as before)', () => {
    const result = runDesign(mmcDesign({ lambdaRps: 50, serviceTimeMs: 5, servers: 1, durationS: 20 }));
    expect(result.edges).toBeUndefined();
  });
});

/** One page view that needs RESOURCES resources, over a 40 ms edge into a service and its database. */
const RESOURCES = 4;
const EDGE_MS = 40;
const DB_EDGE_MS = 0.5;
const SERVICE_MS = 1;
const DB_MS = 2;
const REQUEST_KB = 0.5;
const RESPONSE_KB = 20;
const PAGES_RPS = 50;
const WORKERS = 8;

function pageDesign(
  protocol: Protocol,
  options: { parallelCalls?: number; batching?: boolean } = {},
): Design {
  return design(
    [
      node('web', 'client', {
        rps: PAGES_RPS,
        readRatio: 1,
        keyDistribution: 'uniform',
        callsPerRequest: RESOURCES,
        parallelCalls: options.parallelCalls ?? 1,
        readRequestKB: REQUEST_KB,
        readResponseKB: RESPONSE_KB,
        timeoutMs: 10_000,
      }),
      node('api', 'service', {
        workers: WORKERS,
        serviceTimeMs: SERVICE_MS,
        serviceDist: 'const',
        graphqlBatching: options.batching ?? false,
      }),
      node('db', 'database', { readTimeMs: DB_MS, serviceDist: 'const', workers: 64 }),
    ],
    [
      edge('web', 'api', { latencyMs: EDGE_MS, protocol }, 'page'),
      edge('api', 'db', { latencyMs: DB_EDGE_MS }),
    ],
    { durationS: 200, warmupS: 10, seed: 4 },
  );
}

/** The stated worker time to decode one request and encode one response of n resources (protocols.ts). */
function serverCodecMs(protocol: Protocol, resources = 1): number {
  const costs = PROTOCOL_COSTS[protocol];
  const message = (jsonKB: number) => costs.cpuMsPerMessage + costs.cpuMsPerKB * jsonKB * costs.sizeFactor;
  return message(REQUEST_KB) + message(RESPONSE_KB * resources);
}

describe('one page three ways: REST, gRPC, GraphQL', () => {
  const rest = runDesign(pageDesign('rest'));
  const grpc = runDesign(pageDesign('grpc'));
  const graphql = runDesign(pageDesign('graphql'));
  const batched = runDesign(pageDesign('graphql', { batching: true }));
  const pages = (result: typeof rest) => result.nodes.web.arrivals;
  /** One call's time at the service and below: service + encoding, the database's edge both ways, the read. */
  const callBelowMs = (protocol: Protocol) => SERVICE_MS + serverCodecMs(protocol) + 2 * DB_EDGE_MS + DB_MS;

  it('REST makes one round trip per resource, one after another: latency = N × (2 × edge latency + the call below), dominated by N × 2 × edge latency', () => {
    expect(rest.edges!.page.calls / pages(rest)).toBeCloseTo(RESOURCES, 1);
    const expectedMs = RESOURCES * (2 * EDGE_MS + callBelowMs('rest'));
    expect(relativeError(rest.global.latencyMs.mean!, expectedMs)).toBeLessThan(0.01);
    expect((RESOURCES * 2 * EDGE_MS) / rest.global.latencyMs.mean!).toBeGreaterThan(0.9);
  });

  it('REST with the calls in parallel waits for the slowest, not the sum: one round trip', () => {
    const parallel = runDesign(pageDesign('rest', { parallelCalls: RESOURCES }));
    expect(parallel.edges!.page.calls / pages(parallel)).toBeCloseTo(RESOURCES, 1);
    const oneRoundTripMs = 2 * EDGE_MS + callBelowMs('rest');
    expect(relativeError(parallel.global.latencyMs.mean!, oneRoundTripMs)).toBeLessThan(0.03);
  });

  it('gRPC makes the same round trips but costs the service less: utilisation lower by λ·N·(REST − gRPC encode/decode time) / workers, bytes smaller', () => {
    expect(grpc.edges!.page.calls / pages(grpc)).toBeCloseTo(RESOURCES, 1);
    // Utilisation law: U = λ·N·(time a worker holds a call) / c; only the encoding differs.
    const callsPerMs = (RESOURCES * PAGES_RPS) / 1000;
    const expectedDrop = (callsPerMs * (serverCodecMs('rest') - serverCodecMs('grpc'))) / WORKERS;
    const drop = rest.nodes.api.utilization - grpc.nodes.api.utilization;
    expect(relativeError(drop, expectedDrop)).toBeLessThan(0.05);
    expect(
      relativeError(grpc.nodes.api.utilization, (callsPerMs * callBelowMs('grpc')) / WORKERS),
    ).toBeLessThan(0.02);
    // Protobuf bodies and compressed headers: kilobytes per response from the stated table.
    const perResponse = (result: typeof rest) =>
      result.edges!.page.back.kilobytes / result.edges!.page.back.transfers;
    const costs = (p: Protocol) => PROTOCOL_COSTS[p];
    expect(perResponse(rest)).toBeCloseTo(RESPONSE_KB * costs('rest').sizeFactor + costs('rest').headerKB, 6);
    expect(perResponse(grpc)).toBeCloseTo(RESPONSE_KB * costs('grpc').sizeFactor + costs('grpc').headerKB, 6);
  });

  it('GraphQL trades client round trips for server fan-out: one round trip per page, N database calls per query without batching (N+1), one with', () => {
    expect(graphql.edges!.page.calls / pages(graphql)).toBeCloseTo(1, 2);
    expect(graphql.nodes.db.arrivals / pages(graphql)).toBeCloseTo(RESOURCES, 1);
    expect(batched.nodes.db.arrivals / pages(batched)).toBeCloseTo(1, 2);
    // One client round trip; the resolver's N resources of work and its N (or 1) database calls.
    const below = (calls: number) =>
      RESOURCES * SERVICE_MS + serverCodecMs('graphql', RESOURCES) + calls * (2 * DB_EDGE_MS + DB_MS);
    expect(relativeError(graphql.global.latencyMs.mean!, 2 * EDGE_MS + below(RESOURCES))).toBeLessThan(0.01);
    expect(relativeError(batched.global.latencyMs.mean!, 2 * EDGE_MS + below(1))).toBeLessThan(0.01);
    // The saved round trips are (N − 1) × 2 × edge latency, less the fan-out the server now waits for.
    expect(rest.global.latencyMs.mean! - graphql.global.latencyMs.mean!).toBeGreaterThan(
      (RESOURCES - 1) * 2 * EDGE_MS * 0.9,
    );
    // A response per query carries all N resources.
    expect(graphql.edges!.page.back.kilobytes / graphql.edges!.page.back.transfers).toBeCloseTo(
      RESOURCES * RESPONSE_KB + PROTOCOL_COSTS.graphql.headerKB,
      6,
    );
  });
});
