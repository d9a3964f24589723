// Shards, replicas, replication, failover. Behaviour: sim.ts (on the serving model).
import { flag, int, num, oneOf, serviceShapeParams } from '../common/paramSpecs';
import {
  capabilities,
  type KindCapabilities,
  type KindSpec,
  type KindView,
  type ResolvedParams,
} from '../kindSpec';
import { CONFLICTS, LOST_UPDATES, LOST_WRITES, REPLICATION_LAG, STALE_READS } from '../gauges';

const shardsOf = (params: ResolvedParams) => Math.max(1, Number(params.shards ?? 1));
const copiesPerShard = (params: ResolvedParams) => Math.max(0, Number(params.replicas ?? 0)) + 1;

const DATABASE_CAPABILITIES: KindCapabilities = capabilities({
  queues: true,
  isTerminal: true,
  readsKeys: true,
  // Followers, or leaderless copies: only these show replication lag (a lone leader's "lag 0 ms" is noise).
  replicated: (params) => Number(params.replicas ?? 0) > 0 || params.replication === 'leaderless',
  // Every copy is an instance: shards × (leader + replicas).
  instanceCount: (params) => shardsOf(params) * copiesPerShard(params),
});

const DATABASE_VIEW: KindView = {
  subtitle: (label, params) => {
    const shards = shardsOf(params);
    const replicas = copiesPerShard(params) - 1;
    const parts = [label];
    if (shards > 1) parts.push(`${shards} shards`);
    if (replicas > 0) parts.push(`${replicas} replica${replicas === 1 ? '' : 's'}`);
    return parts.join(' · ');
  },
  // One shard reads as a plain count of copies; several as shards × copies per shard.
  badge: (params) => {
    const shards = shardsOf(params);
    const copies = copiesPerShard(params);
    if (shards * copies <= 1) return null;
    return shards === 1 ? `×${copies}` : `${shards}×${copies}`;
  },
};

export const databaseKind = {
  kind: 'database',
  label: 'Database',
  description: 'Shards and replicas: SQL (B-tree) or NoSQL (LSM).',
  placeKey: 'd',
  icon: 'database.svg',
  params: {
    engine: oneOf(
      'Engine',
      ['sql', 'nosql'],
      'sql',
      'SQL (B-tree: cheaper reads) or NoSQL (LSM: cheaper writes).',
      { group: 'Storage' },
    ),
    readTimeMs: num('Read time', 2, 0, 600_000, 'ms', 'Mean time of an indexed read.', { group: 'Timing' }),
    writeTimeMs: num('Write time', 5, 0, 600_000, 'ms', 'Mean time of a write.', { group: 'Timing' }),
    ...serviceShapeParams('exp', 'query time'),
    rows: int(
      'Rows',
      1_000_000,
      1,
      1_000_000_000_000,
      'rows',
      'Table size, split evenly over the shards; an unindexed read scans its shard’s rows (rows ÷ shards).',
      {
        group: 'Storage',
      },
    ),
    indexed: flag(
      'Indexed',
      true,
      'Reads use an index; without one a read scans rows (cost grows with rows).',
      { group: 'Storage' },
    ),
    scanRowsPerMs: num(
      'Scan speed',
      100_000,
      1,
      1_000_000_000,
      'rows/ms',
      'Unindexed reads: rows scanned per millisecond (a scan costs rows ÷ shards ÷ this).',
      { group: 'Storage' },
    ),
    workers: int('Workers', 16, 1, 10_000, 'connections', 'Queries one instance runs at the same time.', {
      group: 'Capacity',
    }),
    queueCapacity: int(
      'Queue capacity',
      undefined,
      0,
      10_000_000,
      'queries',
      'Queries that may wait per instance; a full queue rejects. Left out: unbounded.',
      { optional: true, group: 'Capacity' },
    ),
    shards: int('Shards', 1, 1, 1024, 'shards', 'Horizontal partitions; each has a leader and replicas.', {
      group: 'Sharding and replication',
    }),
    shardBy: oneOf('Shard by', ['hash', 'consistentHash'], 'hash', 'How a key picks its shard.', {
      group: 'Sharding and replication',
    }),
    replicas: int('Replicas', 0, 0, 16, 'per shard', 'Followers per shard (the leader is extra).', {
      group: 'Sharding and replication',
    }),
    replication: oneOf(
      'Replication',
      ['sync', 'semisync', 'async', 'leaderless'],
      'async',
      'When a write is acknowledged relative to copying it to followers.',
      { group: 'Sharding and replication' },
    ),
    quorumN: int('Quorum N', 3, 1, 17, 'copies', 'Leaderless: copies of each key.', {
      relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
      group: 'Sharding and replication',
    }),
    quorumW: int('Quorum W', 2, 1, 17, 'copies', 'Leaderless: acknowledgements a write waits for.', {
      relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
      group: 'Sharding and replication',
    }),
    quorumR: int('Quorum R', 2, 1, 17, 'copies', 'Leaderless: replies a read waits for.', {
      relevantWhen: { param: 'replication', oneOf: ['leaderless'] },
      group: 'Sharding and replication',
    }),
    replicationLagMs: num(
      'Replication lag',
      10,
      0,
      3_600_000,
      'ms',
      'Mean delay before a follower (or another leaderless copy) applies a write; each copy’s lag varies within ±25% of it.',
      { group: 'Sharding and replication' },
    ),
    readFrom: oneOf('Read from', ['leader', 'followers', 'any'], 'leader', 'Which copies serve reads.', {
      group: 'Sharding and replication',
    }),
    heartbeatMs: num('Heartbeat', 500, 10, 3_600_000, 'ms', 'How often a leader proves it is alive.', {
      group: 'Failover',
    }),
    failoverAfter: int(
      'Failover after',
      3,
      1,
      100,
      'missed beats',
      'Missed heartbeats before the leader is declared dead.',
      { group: 'Failover' },
    ),
    electionMs: num('Election time', 1000, 0, 3_600_000, 'ms', 'Time to elect and promote a new leader.', {
      group: 'Failover',
    }),
    partitionMode: oneOf(
      'When partitioned',
      ['consistent', 'available'],
      'consistent',
      'CAP: what copies cut off from each other by a network partition do. Consistent: a leader ' +
        'needs a majority of its shard to accept writes (on the minority side it steps down and ' +
        'requests fail as unavailable); a leaderless quorum refuses what cannot reach W or R ' +
        'copies. Available: every side keeps serving; the majority side may elect a second leader ' +
        '(split brain), leaderless copies take writes for the ones they cannot reach (sloppy ' +
        'quorum, hinted handoff). Writes to one key on both sides are conflicts; on heal the last ' +
        'writer wins and the overwritten acknowledged writes are lost updates.',
      { group: 'Network partition' },
    ),
  },
  gauges: [STALE_READS, REPLICATION_LAG, LOST_WRITES, CONFLICTS, LOST_UPDATES],
  capabilities: DATABASE_CAPABILITIES,
  view: DATABASE_VIEW,
} as const satisfies KindSpec<'database'>;
