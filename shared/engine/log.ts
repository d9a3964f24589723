// The event log: what happened in a run (chaos, failure detection, failover, rebalancing, breaker
// trips, SLO breaches) as the engine writes it, the CLI JSON prints it and the dock reads it. One
// list of types: the dock's wording (renderer/dock/format.ts) is a switch over it that the type
// checker holds complete, so a new type without wording does not compile.
import { CHAOS_ACTIONS, type ChaosAction } from '../document/types';

export const LOG_TYPES = [
  // A chaos action (scenario step or command), logged when it fires.
  ...CHAOS_ACTIONS,
  // A health check (balancer) or failure detector (database) marked an instance down / up.
  'detected',
  'recovered',
  // A follower became a shard's leader; writes it had not applied were lost.
  'promoted',
  'lostWrites',
  // Network partition of a database (partitionMode): a leader cut off from the majority gave up
  // its lease (consistent), a shard has two leaders (available), the sides merged on heal (with
  // `conflicts` and `lostUpdates`).
  'stepDown',
  'splitBrain',
  'reconciled',
  // Keys moved between instances (consistent hashing) or shards.
  'rebalance',
  'breakerOpen',
  'breakerClosed',
  // The SLO started failing.
  'sloBreach',
  // More calls alive than the engine holds: new downstream calls are refused.
  'overload',
  // The run stopped at a limit (events, wall time, memory guard) before its end: partial results.
  'truncated',
] as const;

export type LogType = (typeof LOG_TYPES)[number];

/** One entry, as in the CLI JSON: { t (ms), type, target, ...fields }. */
export type LogEntry = { t: number; type: LogType; target: string } & Record<string, number | string>;

/** The event log keeps at most this many entries so memory stays bounded (engine and dock). */
export const LOG_LIMIT = 20_000;

export const isChaosLogType = (type: string): type is ChaosAction =>
  (CHAOS_ACTIONS as readonly string[]).includes(type);
