// Metric layouts: per-node and per-instance counters. Counters are cumulative since the start of the
// run; run totals subtract a snapshot taken when warm-up ends, and each 1 s bucket subtracts the
// snapshot of the previous bucket, so nothing is ever reset on the hot path.

// Per-node cumulative counters (indexes into NodeRuntime.counters).
export const C_ARRIVALS = 0;
export const C_COMPLETED = 1;
export const C_FAILED = 2; // + reason (6 slots)
export const C_RESPONSE_SUM = 8;
export const C_RESPONSE_COUNT = 9;
export const C_WAIT_SUM = 10;
export const C_WAIT_COUNT = 11;
export const C_BUSY_INTEGRAL = 12; // busy worker × ms
export const C_QUEUE_INTEGRAL = 13; // waiting requests × ms
export const C_IN_NODE_INTEGRAL = 14; // requests at the node × ms (Little's law)
export const C_HITS = 15;
export const C_MISSES = 16;
export const C_STALE_READS = 17;
export const C_LOST_WRITES = 18;
export const C_REPLICATION_LAG_SUM = 19;
export const C_REPLICATION_LAG_COUNT = 20;
export const C_FAILOVERS = 21;
export const C_DUPLICATES = 22;
export const C_MESSAGES_LOST = 23;
export const C_DEAD_LETTERED = 24;
export const C_CAPACITY_INTEGRAL = 25; // available worker × ms
export const C_CONFLICTS = 26; // keys written on both sides of a database partition
export const C_LOST_UPDATES = 27; // acknowledged writes overwritten when a partition reconciled
export const NODE_COUNTERS = 28;

// Per-instance cumulative counters.
export const IC_ARRIVALS = 0;
export const IC_COMPLETED = 1;
export const IC_FAILED = 2;
// Per-instance areas of the busy workers and the queue (the time-integral trick of the node's,
// below): ∫ level dt = area + level · now, the level read from the instance's own state.
export const IC_BUSY_AREA = 3;
export const IC_QUEUE_AREA = 4;
export const INSTANCE_COUNTERS = 5;
