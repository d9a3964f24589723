// The requirements card's numbers and what they imply: the load by Little's law, the SLO and the
// client parameters that carry them into the design. Pure functions over the user's inputs.
import type { Design, Params, Slo } from '../document/types';

export interface Requirements {
  concurrentUsers: number;
  /** How the load is stated: each user's think time between requests, or requests per minute. */
  loadModel: 'thinkTime' | 'perMinute';
  requestsPerUserPerMinute: number;
  thinkTimeMs: number;
  /** The response time Little's law assumes for one request (the p99 target bounds it). */
  expectedResponseMs: number;
  readPercent: number;
  requestKB: number;
  responseKB: number;
  p99Ms: number;
  availabilityPercent: number;
  dataGB: number;
  growthPercent: number;
  growthMonths: number;
}

/** The guides' numbers: 10,000 users, one request every 10 s each, p99 200 ms, +20% in 6 months. */
export const DEFAULT_REQUIREMENTS: Requirements = {
  concurrentUsers: 10_000,
  loadModel: 'thinkTime',
  requestsPerUserPerMinute: 6,
  thinkTimeMs: 10_000,
  expectedResponseMs: 50,
  readPercent: 90,
  requestKB: 1,
  responseKB: 10,
  p99Ms: 200,
  availabilityPercent: 99.9,
  dataGB: 100,
  growthPercent: 20,
  growthMonths: 6,
};

export interface LoadFigures {
  /** Requests per second the users make, by Little's law. */
  rps: number;
  /** One user's cycle: think time plus response time. */
  cycleMs: number;
  thinkTimeMs: number;
  readRps: number;
  writeRps: number;
  /** How the rps was worked out, with the user's numbers in it. */
  arithmetic: string;
}

const trim = (value: number, digits = 1) => {
  const rounded = Number(value.toFixed(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
};

/**
 * Little's law for a closed loop: each of N users waits for its response (R) then thinks (Z), so
 * the system completes N / (Z + R) requests per second. "Requests per minute per user" fixes the
 * cycle instead: rps = N × perMinute / 60, and the think time is what is left of the cycle.
 */
export function loadFigures(requirements: Requirements): LoadFigures {
  const users = requirements.concurrentUsers;
  const responseMs = requirements.expectedResponseMs;
  let cycleMs: number;
  let thinkTimeMs: number;
  let arithmetic: string;
  if (requirements.loadModel === 'perMinute') {
    cycleMs =
      requirements.requestsPerUserPerMinute > 0 ? 60_000 / requirements.requestsPerUserPerMinute : Infinity;
    thinkTimeMs = Math.max(0, cycleMs - responseMs);
    const rps = Number.isFinite(cycleMs) ? users / (cycleMs / 1000) : 0;
    arithmetic = `rps = users × requests per minute / 60 = ${trim(users, 0)} × ${trim(
      requirements.requestsPerUserPerMinute,
    )} / 60 = ${trim(rps)} req/s (think time = 60 s / ${trim(requirements.requestsPerUserPerMinute)} − ${trim(
      responseMs,
    )} ms = ${trim(thinkTimeMs, 0)} ms)`;
  } else {
    thinkTimeMs = requirements.thinkTimeMs;
    cycleMs = thinkTimeMs + responseMs;
    const rps = cycleMs > 0 ? users / (cycleMs / 1000) : 0;
    arithmetic = `rps = users / (think + response) = ${trim(users, 0)} / (${trim(thinkTimeMs / 1000, 3)} s + ${trim(
      responseMs / 1000,
      3,
    )} s) = ${trim(rps)} req/s`;
  }
  const rps = cycleMs > 0 && Number.isFinite(cycleMs) ? users / (cycleMs / 1000) : 0;
  const read = requirements.readPercent / 100;
  return { rps, cycleMs, thinkTimeMs, readRps: rps * read, writeRps: rps * (1 - read), arithmetic };
}

/** The load after growth: +growth% over the stated months. */
export const growthFactor = (requirements: Requirements): number => 1 + requirements.growthPercent / 100;

/** The SLO the requirements state: p99 and the error budget (100% − availability). */
export function sloFromRequirements(requirements: Requirements, current: Slo): Slo {
  return {
    ...current,
    p99Ms: requirements.p99Ms,
    maxErrorRate: Math.max(0, Math.min(1, 1 - requirements.availabilityPercent / 100)),
  };
}

export type ClientMode = 'closed' | 'open';

/**
 * The parameters each client gets: closed loop (users with think time: the load follows the
 * response time, as real users do) or open loop (Poisson arrivals at the Little's-law rate). The
 * users and the rate are split evenly over the design's clients.
 */
export function clientParams(requirements: Requirements, mode: ClientMode, clients: number): Params {
  const share = Math.max(1, clients);
  const load = loadFigures(requirements);
  const read = requirements.readPercent / 100;
  const payload: Params = {
    readRatio: Number(read.toFixed(4)),
    readRequestKB: requirements.requestKB,
    readResponseKB: requirements.responseKB,
    writeRequestKB: requirements.requestKB,
    writeResponseKB: requirements.responseKB,
  };
  if (mode === 'closed')
    return {
      ...payload,
      mode: 'closed',
      users: Math.max(1, Math.round(requirements.concurrentUsers / share)),
      thinkTimeMs: Math.round(load.thinkTimeMs),
    };
  return { ...payload, mode: 'open', rps: Number((load.rps / share).toFixed(3)) };
}

export const clientNodes = (design: Design) => design.nodes.filter((node) => node.kind === 'client');

/** Each requirement's problem, by field, in the card's words (empty when all are usable). */
export function requirementsProblems(
  requirements: Requirements,
): Partial<Record<keyof Requirements, string>> {
  const problems: Partial<Record<keyof Requirements, string>> = {};
  const check = (name: keyof Requirements, ok: boolean, message: string) => {
    if (!ok) problems[name] = message;
  };
  const r = requirements;
  check(
    'concurrentUsers',
    Number.isInteger(r.concurrentUsers) && r.concurrentUsers >= 1,
    'Users must be a whole number ≥ 1',
  );
  check('thinkTimeMs', r.thinkTimeMs >= 0, 'Think time must be ≥ 0 ms');
  check('requestsPerUserPerMinute', r.requestsPerUserPerMinute > 0, 'Requests per minute must be > 0');
  check('expectedResponseMs', r.expectedResponseMs >= 0, 'Response time must be ≥ 0 ms');
  check('readPercent', r.readPercent >= 0 && r.readPercent <= 100, 'Reads must be from 0 to 100%');
  check('p99Ms', r.p99Ms > 0, 'p99 target must be > 0 ms');
  check(
    'availabilityPercent',
    r.availabilityPercent >= 0 && r.availabilityPercent <= 100,
    'Availability must be from 0 to 100%',
  );
  check('growthMonths', r.growthMonths > 0, 'Months must be > 0');
  return problems;
}
