// The engine's integer code of each kind: its index in the ordered list (index.ts). Literal
// constants so the hot path's switch (dispatch.ts) compiles to a jump table; codes.test.ts checks
// they match the list.
export const KIND_CODE_LITERALS = {
  client: 0,
  gateway: 1,
  rateLimiter: 2,
  loadBalancer: 3,
  service: 4,
  worker: 5,
  cache: 6,
  cdn: 7,
  database: 8,
  objectStore: 9,
  queue: 10,
} as const;
export const K_CLIENT = 0;
export const K_GATEWAY = 1;
export const K_RATE_LIMITER = 2;
export const K_LOAD_BALANCER = 3;
export const K_SERVICE = 4;
export const K_WORKER = 5;
export const K_CACHE = 6;
export const K_CDN = 7;
export const K_DATABASE = 8;
export const K_OBJECT_STORE = 9;
export const K_QUEUE = 10;
