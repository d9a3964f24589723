// Integer codes shared by the engine core and the component behaviours.

/**
 * Why a request failed; the order is the index into per-reason counters (new reasons go last, so
 * the JSON keeps its order). `unauthorized`: a gateway could not establish who is calling (its
 * session lookup failed, failing closed).
 */
export const FAILURE_REASONS = [
  'timeout',
  'rejected',
  'throttled',
  'unavailable',
  'loop',
  'error',
  'unauthorized',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
export const R_TIMEOUT = 0;
export const R_REJECTED = 1;
export const R_THROTTLED = 2;
export const R_UNAVAILABLE = 3;
export const R_LOOP = 4;
export const R_ERROR = 5;
export const R_UNAUTHORIZED = 6;

export const OP_READ = 0;
export const OP_WRITE = 1;

// An edge's `filter`: which calls take it. `auth` edges carry only a gateway's auth lookups.
export const FILTER_ALL = 0;
export const FILTER_READS = 1;
export const FILTER_WRITES = 2;
export const FILTER_AUTH = 3;

/** A request's hop limit: a request that crosses more edges than this fails as `loop`. */
export const HOP_LIMIT = 64;

// Where a call (one request's visit to one node) is in its life.
export const S_FREE = 0;
export const S_TRANSIT = 1; // crossing the edge towards its node
export const S_QUEUED = 2; // waiting for a worker
export const S_IN_SERVICE = 3;
export const S_DOWNSTREAM = 4; // waiting for a downstream call
export const S_DELAY = 5; // a fixed per-request cost (balancer overhead, cache lookup)
export const S_RETRY_WAIT = 6; // backing off before a retry
export const S_RESPONDING = 7; // the response is crossing the edge back
export const S_REPLICATING = 8; // a database write waiting for replication acknowledgements
export const S_PARKED = 9; // stuck in a hung instance
export const S_MESSAGE_READY = 10; // a message visible in a queue
export const S_MESSAGE_INFLIGHT = 11; // a message received, not yet acknowledged
export const S_ROOT_WAIT = 12; // a client request waiting for its response
export const S_ROOT_BACKOFF = 13; // a client request backing off before a retry
export const S_LOST = 14; // dropped by a cut edge; the caller will time out
export const S_LANE_WAIT = 15; // one lane of a client's parallel page waiting for its call
export const S_LANE_BACKOFF = 16; // a lane backing off before retrying its call

// Call flags.
export const F_ORPHAN = 1; // the caller gave up on it
export const F_RESERVED = 2; // a queue delivery with a worker reserved at the consumer
export const F_AT_MOST_ONCE = 4; // work on an at-most-once message (a crash loses it)
export const F_HOLDS_SLOT = 8; // holds a worker of its node's pool until its service ends
export const F_HOLDS_CONNECTION = 32; // holds one of a balancer's maxConnections until it finishes
export const F_ANSWERED = 16; // lost on its way back (a cut edge) after its node had answered
export const F_LANE = 64; // a lane of a client's parallel page (its parent is the page's request)

// Instance states.
export const I_UP = 0;
export const I_DEAD = 1;
export const I_HUNG = 2;

// Event types.
export const EV_LINE = 1;
export const EV_CLIENT_ARRIVAL = 2;
export const EV_USER_THINK = 3;
export const EV_TRANSIT = 4;
export const EV_RESPONSE = 5;
export const EV_SERVICE_DONE = 6;
export const EV_DELAY_DONE = 7;
export const EV_TIMEOUT = 8;
export const EV_RETRY = 9;
export const EV_HEALTH_CHECK = 10;
export const EV_HEARTBEAT = 11;
export const EV_ELECTION = 12;
export const EV_FLUSH = 13;
export const EV_CHAOS = 14;
export const EV_TICK = 15;
export const EV_WARMUP_END = 16;
export const EV_VISIBILITY = 17;
export const EV_REPLICATED = 18;

/** Sim-time width of one metrics bucket (gauges, series, SLO checks). */
export const BUCKET_MS = 1000;

// Global counters (end-to-end, at the clients).
export const G_REQUESTS = 0;
export const G_COMPLETED = 1;
export const G_FAILED = 2; // + reason (one slot per FAILURE_REASONS)
export const GLOBAL_COUNTERS = G_FAILED + FAILURE_REASONS.length;
