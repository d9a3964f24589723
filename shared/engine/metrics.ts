// Metric layouts: per-node and per-instance counters. Counters are cumulative since the start of the
// run; run totals subtract a snapshot taken when warm-up ends, and each 1 s bucket subtracts the
// snapshot of the previous bucket, so nothing is ever reset on the hot path.
import { FAILURE_REASONS } from './constants';

// Per-node cumulative counters (indexes into NodeRuntime.counters).
export const C_ARRIVALS = 0;
export const C_COMPLETED = 1;
export const C_FAILED = 2; // + reason (one slot per FAILURE_REASONS)
export const C_RESPONSE_SUM = C_FAILED + FAILURE_REASONS.length;
export const C_RESPONSE_COUNT = C_RESPONSE_SUM + 1;
export const C_WAIT_SUM = C_RESPONSE_SUM + 2;
export const C_WAIT_COUNT = C_RESPONSE_SUM + 3;
export const C_BUSY_INTEGRAL = C_RESPONSE_SUM + 4; // busy worker × ms
export const C_QUEUE_INTEGRAL = C_RESPONSE_SUM + 5; // waiting requests × ms
export const C_IN_NODE_INTEGRAL = C_RESPONSE_SUM + 6; // requests at the node × ms (Little's law)
export const C_HITS = C_RESPONSE_SUM + 7;
export const C_MISSES = C_RESPONSE_SUM + 8;
export const C_STALE_READS = C_RESPONSE_SUM + 9;
export const C_LOST_WRITES = C_RESPONSE_SUM + 10;
export const C_REPLICATION_LAG_SUM = C_RESPONSE_SUM + 11;
export const C_REPLICATION_LAG_COUNT = C_RESPONSE_SUM + 12;
export const C_FAILOVERS = C_RESPONSE_SUM + 13;
export const C_DUPLICATES = C_RESPONSE_SUM + 14;
export const C_MESSAGES_LOST = C_RESPONSE_SUM + 15;
export const C_DEAD_LETTERED = C_RESPONSE_SUM + 16;
export const C_CAPACITY_INTEGRAL = C_RESPONSE_SUM + 17; // available worker × ms
export const C_CONFLICTS = C_RESPONSE_SUM + 18; // keys written on both sides of a database partition
export const C_LOST_UPDATES = C_RESPONSE_SUM + 19; // acknowledged writes overwritten when a partition reconciled
// A gateway's authentication and TLS (its auth cache's hits and lookups are C_HITS, C_MISSES).
export const C_AUTH_CHECKS = C_RESPONSE_SUM + 20; // requests whose caller was checked
export const C_AUTH_PASSED_OPEN = C_RESPONSE_SUM + 21; // let through unchecked after a failed lookup
export const C_TLS_HANDSHAKES = C_RESPONSE_SUM + 22;
export const C_AUTH_FAILED = C_RESPONSE_SUM + 23; // + the lookup's failure reason (FAILURE_REASONS)
export const NODE_COUNTERS = C_AUTH_FAILED + FAILURE_REASONS.length;

// Per-instance cumulative counters.
export const IC_ARRIVALS = 0;
export const IC_COMPLETED = 1;
export const IC_FAILED = 2;
// Per-instance areas of the busy workers and the queue (the time-integral trick of the node's,
// below): ∫ level dt = area + level · now, the level read from the instance's own state.
export const IC_BUSY_AREA = 3;
export const IC_QUEUE_AREA = 4;
export const INSTANCE_COUNTERS = 5;
