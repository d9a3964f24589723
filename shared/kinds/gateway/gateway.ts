// Edge entry: the rate limiter's token bucket and worker pool, plus authentication (a JWT checked
// on its own CPU, or a session / token looked up over `auth` edges, optionally cached) and TLS
// termination (handshakes on new connections, encryption per KB), all on its workers. Behaviour:
// sim.ts.
import { flag, num, oneOf, type ParamSpecs } from '../common/paramSpecs';
import { limiterParams } from '../rateLimiter/rateLimiter';
import { capabilities, countView, type KindSpec, type ResolvedParams } from '../kindSpec';
import { AUTH_FAILED, AUTH_HIT_RATE, THROTTLED } from '../gauges';

/** How the gateway checks callers (`auth`); the order is the engine's code (sim.ts). */
export const AUTH_MODES = ['none', 'jwt', 'session', 'introspection'] as const;
/** The modes that look the caller up over an `auth` edge (and may cache the answer). */
const LOOKUP_MODES = ['session', 'introspection'] as const;
const LOOKS_UP = { param: 'auth', oneOf: LOOKUP_MODES };
const AUTHENTICATION = 'Authentication';

const authParams: ParamSpecs = {
  auth: oneOf(
    'Authentication',
    AUTH_MODES,
    'none',
    'How the gateway checks who is calling. none: it does not. jwt: it verifies the token’s signature itself, on its own workers (JWT verify time). session: it looks the session up in a store drawn on an “auth” connection (a cache or a database). introspection: it asks an auth service on an “auth” connection whether the token is valid. Lookups may be cached here (Auth cache TTL); checking at the gateway means the services behind it need not.',
    { group: AUTHENTICATION },
  ),
  authCpuMs: num(
    'JWT verify time',
    0.5,
    0,
    60_000,
    'ms',
    'CPU to verify one token’s signature, held on a gateway worker: every request costs this more here, so the gateway saturates sooner (at workers ÷ its time per request).',
    { relevantWhen: { param: 'auth', oneOf: ['jwt'] }, group: AUTHENTICATION },
  ),
  authCacheTtlMs: num(
    'Auth cache TTL',
    0,
    0,
    86_400_000,
    'ms',
    'How long each gateway instance remembers a user’s successful lookup (from the lookup; hits do not extend it). 0: every request is looked up. The hit rate emerges from how often each user comes back within the TTL.',
    { relevantWhen: LOOKS_UP, group: AUTHENTICATION },
  ),
  authTimeoutMs: num(
    'Auth timeout',
    500,
    1,
    3_600_000,
    'ms',
    'How long the gateway waits for a lookup’s answer before it counts the lookup as failed.',
    { relevantWhen: LOOKS_UP, group: AUTHENTICATION },
  ),
  authFailOpen: flag(
    'Fail open',
    false,
    'When a lookup fails (the store or auth service is down, overloaded or slow): let the request through unchecked (open: still available, but unchecked callers get in) or refuse it (closed: a session that cannot be read fails as unauthorized, an auth service that does not answer as unavailable).',
    { relevantWhen: LOOKS_UP, group: AUTHENTICATION },
  ),
};

const tlsParams: ParamSpecs = {
  tlsCpuMs: num(
    'TLS handshake',
    0,
    0,
    60_000,
    'ms',
    'CPU for a full TLS handshake when a request opens a new connection (about 1–2 ms for RSA-2048), held on a worker. 0: TLS is not terminated here.',
    { group: 'TLS' },
  ),
  keepAliveRatio: num(
    'Connection reuse',
    0.9,
    0,
    1,
    'fraction',
    'Fraction of requests that arrive on a kept-alive connection and skip the handshake (the rest pay TLS handshake).',
    { group: 'TLS' },
  ),
  tlsCpuMsPerKB: num(
    'Encryption per KB',
    0,
    0,
    1000,
    'ms/KB',
    'CPU to decrypt the request and encrypt the response, per KB through TLS, held on a worker.',
    { group: 'TLS' },
  ),
  tlsKBPerRequest: num(
    'KB per request',
    4,
    0,
    1_000_000,
    'KB',
    'Kilobytes each request moves through TLS (request and response together), for Encryption per KB.',
    { group: 'TLS' },
  ),
};

const limiter = limiterParams(2, undefined);

const CAPS = capabilities({
  queues: true,
  isProxy: true,
  throttles: true,
  looksUpAuth: (params: ResolvedParams) => (LOOKUP_MODES as readonly unknown[]).includes(params.auth),
});

export const gatewayKind = {
  kind: 'gateway',
  label: 'API Gateway',
  description:
    'Edge entry: authentication (JWT on its CPU, or session / token lookups over auth edges) and TLS cost worker time (it saturates); optional rate limit.',
  placeKey: 'g',
  icon: 'gateway.svg',
  params: {
    ...limiter,
    overheadMs: {
      ...limiter.overheadMs,
      description:
        'Work done on each request besides authentication and TLS (parsing, routing, logging), holding a worker.',
    },
    ...authParams,
    ...tlsParams,
  },
  gauges: [THROTTLED, AUTH_HIT_RATE, AUTH_FAILED],
  capabilities: CAPS,
  view: countView(CAPS.instanceCount),
} as const satisfies KindSpec<'gateway'>;
