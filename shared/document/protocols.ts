// An edge's API protocol and the costs it is modelled with: what a message weighs on the wire and
// what encoding and decoding it costs the worker at each end. Stated numbers, not measurements of
// any one stack (shared/engine/README.md "Payloads, bandwidth and protocols" gives the reasoning):
//
// - Body size: the sizes people enter (a client's requestKB/responseKB, an object's size) are
//   JSON sizes. Protobuf writes field numbers and varints instead of repeated key names and text
//   numbers: assumed 0.4× of JSON (published comparisons of typical API records fall around
//   0.3–0.5× uncompressed; text-heavy payloads shrink less).
// - Headers per message: HTTP/1.1 sends its headers as text on every request and response (cookies,
//   user agent, content type …): 0.5 KB assumed (the SPDY design notes cite 700–800 bytes as
//   typical for requests; responses are smaller). HTTP/2 compresses them with HPACK (RFC 7541):
//   headers repeated on a connection become indexed references, 0.05 KB assumed.
// - CPU per message and per KB of body, at each end that parses bodies (services, workers,
//   databases, object stores; proxies forward bytes and read headers only; a client's own device
//   is not a shared capacity and is not modelled): JSON ~100 MB/s per core in common app runtimes
//   → 0.01 ms per KB, plus 0.02 ms to parse a text HTTP/1.1 message and route it; protobuf
//   0.005 ms per KB of protobuf (≈ 0.002 ms per JSON-equivalent KB: about 5× less), 0.01 ms per
//   binary HTTP/2 frame set.
// - GraphQL: JSON over HTTP/1.1 like REST, but a page's resources are ONE query, resolved by the
//   server (a service fans it out downstream: once per resource without batching, the N+1
//   problem; once for all with `graphqlBatching`).
// `none` (the default) costs nothing: a design without protocols behaves as before they existed.

export const PROTOCOLS = ['none', 'rest', 'grpc', 'graphql'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface ProtocolCosts {
  /** What it is, for people. */
  label: string;
  /** Wire bytes of a body per byte of its JSON size. */
  sizeFactor: number;
  /** Header bytes on the wire per message (request or response), KB. */
  headerKB: number;
  /** Worker time per message at each end that parses it (decode a request, encode a response), ms. */
  cpuMsPerMessage: number;
  /** Worker time per KB of body on the wire, at each end that parses it, ms. */
  cpuMsPerKB: number;
  /** A page's resources travel as one query (the server resolves them), not one call each. */
  oneQueryPerPage: boolean;
}

export const PROTOCOL_COSTS: Record<Protocol, ProtocolCosts> = {
  none: {
    label: 'No protocol costs',
    sizeFactor: 1,
    headerKB: 0,
    cpuMsPerMessage: 0,
    cpuMsPerKB: 0,
    oneQueryPerPage: false,
  },
  rest: {
    label: 'REST: JSON over HTTP/1.1',
    sizeFactor: 1,
    headerKB: 0.5,
    cpuMsPerMessage: 0.02,
    cpuMsPerKB: 0.01,
    oneQueryPerPage: false,
  },
  grpc: {
    label: 'gRPC: protobuf over HTTP/2',
    sizeFactor: 0.4,
    headerKB: 0.05,
    cpuMsPerMessage: 0.01,
    cpuMsPerKB: 0.005,
    oneQueryPerPage: false,
  },
  graphql: {
    label: 'GraphQL: one JSON query over HTTP/1.1, resolved by the server',
    sizeFactor: 1,
    headerKB: 0.5,
    cpuMsPerMessage: 0.02,
    cpuMsPerKB: 0.01,
    oneQueryPerPage: true,
  },
};

/** Protocol codes as the engine keeps them per edge (positions in PROTOCOLS). */
export const PROTOCOL_NONE = 0;
export const PROTOCOL_GRAPHQL = PROTOCOLS.indexOf('graphql');

/** Transmission time of `kilobytes` at `mbps`: 1 KB = 8 kbit, 1 Mbit/s = 1 kbit per ms. */
export const transmissionMs = (kilobytes: number, mbps: number): number => (kilobytes * 8) / mbps;

/** One sentence of what a protocol costs, for the inspector and the catalog's help. */
export function protocolSummary(protocol: Protocol): string {
  const costs = PROTOCOL_COSTS[protocol];
  if (protocol === 'none') return 'No encoding, header or CPU costs: sizes move as entered.';
  const perKBus = Math.round(costs.cpuMsPerKB * 1000);
  const perMessageUs = Math.round(costs.cpuMsPerMessage * 1000);
  return (
    `${costs.label}: bodies ${costs.sizeFactor}× their JSON size, ${costs.headerKB} KB of headers per message, ` +
    `${perMessageUs} µs + ${perKBus} µs per KB of worker time at each end` +
    (costs.oneQueryPerPage ? '; a page is one query, fanned out by the service.' : '.')
  );
}
