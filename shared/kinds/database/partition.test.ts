// CAP: what a replicated database does while a network partition cuts one copy off from the rest
// of its shard (chaos `partition` at 10 s, `heal` at 25 s), by partitionMode. Brewer's theorem:
// during a partition a copy either refuses (consistency) or answers from what its side knows
// (availability) — here, measured:
//  - consistent: no key is written on two sides, so zero conflicts and zero lost updates; the
//    minority side refuses (unavailable): the cut-off leader until the majority side has elected
//    (failoverAfter × heartbeat + electionMs), and the reads the cut-off copy would serve;
//  - available: nothing is refused, but the sides diverge (conflicts), and last-writer-wins on heal
//    overwrites acknowledged writes (lost updates).
import { describe, expect, it } from 'vitest';
import { runDesign } from '../../engine/index';
import { parseDesign } from '../../document/validate';
import { design, edge, node } from '../../testing/designs';
import { template } from '../../testing/templates';

const PARTITION_AT_S = 10;
const HEAL_AT_S = 25;

function partitionedRun(params: Record<string, string | number>, seed = 1, target = 'db:0') {
  return runDesign(
    design(
      [
        node('users', 'client', { rps: 200, readRatio: 0.5, keyDistribution: 'zipf', keys: 1000 }),
        node('db', 'database', {
          replicas: 2,
          replicationLagMs: 20,
          readFrom: 'any',
          heartbeatMs: 500,
          failoverAfter: 3,
          electionMs: 1000,
          ...params,
        }),
      ],
      [edge('users', 'db')],
      {
        durationS: 40,
        warmupS: 2,
        seed,
        events: [
          { atS: PARTITION_AT_S, action: 'partition', target },
          { atS: HEAL_AT_S, action: 'heal', target: 'db' },
        ],
      },
    ),
  );
}

const types = (log: { type: string }[]) => log.map((entry) => entry.type);

describe.each(['semisync', 'leaderless'] as const)(
  'a %s database partitioned from 10 s to 25 s',
  (replication) => {
    it('consistent: zero conflicts and zero lost updates, but the minority side is unavailable', () => {
      const result = partitionedRun({ replication, partitionMode: 'consistent' });
      const db = result.nodes.db.db!;
      expect(db.conflicts).toBe(0);
      expect(db.lostUpdates).toBe(0);
      expect(result.global.errors.unavailable).toBeGreaterThan(100);
      // Only during the partition: every refusal is between the cut and the heal.
      const reconciled = result.log.find((entry) => entry.type === 'reconciled')!;
      expect(reconciled).toMatchObject({ t: HEAL_AT_S * 1000, conflicts: 0, lostUpdates: 0 });
    });

    it('available: nothing is refused, but the sides diverge (conflicts) and heal loses updates', () => {
      const result = partitionedRun({ replication, partitionMode: 'available' });
      const db = result.nodes.db.db!;
      expect(result.global.errors.unavailable).toBe(0);
      expect(db.conflicts).toBeGreaterThan(0);
      expect(db.lostUpdates).toBeGreaterThan(0);
      expect(db.staleReads).toBeGreaterThan(0);
      const reconciled = result.log.find((entry) => entry.type === 'reconciled')!;
      expect(reconciled.conflicts).toBe(db.conflicts);
      expect(reconciled.lostUpdates).toBe(db.lostUpdates);
    });

    it('is deterministic per seed', () => {
      for (const partitionMode of ['consistent', 'available']) {
        const a = partitionedRun({ replication, partitionMode }, 7);
        const b = partitionedRun({ replication, partitionMode }, 7);
        const { wallMs: _a, ...first } = a;
        const { wallMs: _b, ...second } = b;
        expect(second).toEqual(first);
      }
    });
  },
);

describe('single-leader partition: the leader cut off from its two followers', () => {
  // Lease = failoverAfter × heartbeatMs = 1.5 s after the cut; the election takes 1 s more.
  const leaseMs = 3 * 500;
  const electionMs = 1000;

  it('consistent: it steps down when its lease runs out and the majority side elects one leader', () => {
    const result = partitionedRun({ replication: 'semisync', partitionMode: 'consistent' });
    const log = result.log.filter((entry) => entry.target.startsWith('db'));
    expect(types(log)).toEqual(['partition', 'stepDown', 'detected', 'promoted', 'heal', 'reconciled']);
    const stepDown = log.find((entry) => entry.type === 'stepDown')!;
    expect(stepDown).toMatchObject({ target: 'db:0', shard: 0 });
    expect(stepDown.t - PARTITION_AT_S * 1000).toBeGreaterThanOrEqual(leaseMs);
    expect(stepDown.t - PARTITION_AT_S * 1000).toBeLessThanOrEqual(leaseMs + 500);
    const promoted = log.find((entry) => entry.type === 'promoted')!;
    expect(promoted.target).not.toBe('db:0');
    expect(promoted.t - stepDown.t).toBe(electionMs);
  });

  it('available: the majority side elects a second leader (split brain) while the old one keeps writing', () => {
    const result = partitionedRun({ replication: 'semisync', partitionMode: 'available' });
    const log = result.log.filter((entry) => entry.target.startsWith('db'));
    expect(types(log)).toEqual(['partition', 'detected', 'promoted', 'splitBrain', 'heal', 'reconciled']);
    const splitBrain = log.find((entry) => entry.type === 'splitBrain')!;
    const promoted = log.find((entry) => entry.type === 'promoted')!;
    expect(splitBrain.leaders).toBe(`db:0 ${promoted.target}`);
    // One leader again after heal: the newer one.
    expect(
      result.nodes.db.perInstance.filter((copy) => copy.role === 'leader').map((copy) => copy.address),
    ).toEqual([promoted.target]);
  });

  it('no side holds a majority (one copy of two cut off): consistent refuses everything until heal, then elects', () => {
    const result = partitionedRun({ replication: 'sync', replicas: 1, partitionMode: 'consistent' });
    expect(types(result.log.filter((entry) => entry.target.startsWith('db')))).toEqual([
      'partition',
      'stepDown',
      'heal',
      'reconciled',
      'promoted',
    ]);
    // Neither copy may serve: about every request of the 15 s partition is refused, and none diverge.
    expect(result.global.errors.unavailable).toBeGreaterThan(0.9 * 200 * (HEAL_AT_S - PARTITION_AT_S));
    expect(result.nodes.db.db!.conflicts).toBe(0);
  });
});

describe('partition targets', () => {
  it('a side given as a list isolates those copies; a node target isolates each shard’s leader', () => {
    const listed = partitionedRun({ replication: 'semisync', partitionMode: 'available' }, 1, 'db:1,db:2');
    // Two of three copies cut off: the leader is alone on its side, the followers elect their own.
    expect(listed.log.some((entry) => entry.type === 'splitBrain')).toBe(true);
    const whole = partitionedRun({ replication: 'semisync', partitionMode: 'consistent' }, 1, 'db');
    expect(whole.log.find((entry) => entry.type === 'stepDown')?.target).toBe('db:0');
  });

  it('a database with one copy per shard cannot be partitioned: the entry says why, nothing changes', () => {
    const result = partitionedRun({ replicas: 0 });
    expect(result.log.find((entry) => entry.type === 'partition')?.ignored).toMatch(/one copy/);
    expect(result.nodes.db.db!.conflicts).toBeUndefined();
  });

  it('scenario files: partition takes a replicated node, a copy or a side; heal a connection or a database', () => {
    const check = (events: object[], replicas = 2) =>
      parseDesign(
        design([node('users', 'client'), node('db', 'database', { replicas })], [edge('users', 'db')], {
          durationS: 10,
          events: events as never,
        }),
      );
    expect(check([{ atS: 1, action: 'partition', target: 'db:1,db:2' }]).ok).toBe(true);
    expect(check([{ atS: 1, action: 'heal', target: 'db' }]).ok).toBe(true);
    expect(check([{ atS: 1, action: 'heal', target: 'users->db' }]).ok).toBe(true);
    const mixed = check([{ atS: 1, action: 'partition', target: 'db:1,users:0' }]);
    expect(mixed.ok).toBe(false);
    const single = check([{ atS: 1, action: 'partition', target: 'db' }], 0);
    expect(single.ok ? [] : single.problems).toEqual([
      'scenario.events[0].target: partition needs a replicated node ("db" keeps one copy of its data)',
    ]);
  });
});

describe('the CAP template (assets/templates/cap-partition.bpd)', () => {
  it('consistent as shipped: refusals during the partition, no conflict; available: no refusal, conflicts and lost updates', () => {
    const consistent = runDesign(template('cap-partition'));
    expect(consistent.global.errors.unavailable).toBeGreaterThan(0);
    expect(consistent.nodes.db.db).toMatchObject({ conflicts: 0, lostUpdates: 0 });
    const availableDesign = template('cap-partition');
    availableDesign.nodes.find((candidate) => candidate.id === 'db')!.params.partitionMode = 'available';
    const available = runDesign(availableDesign);
    expect(available.global.errors.unavailable).toBe(0);
    expect(available.nodes.db.db!.conflicts).toBeGreaterThan(0);
    expect(available.nodes.db.db!.lostUpdates).toBeGreaterThan(0);
    expect(available.log.some((entry) => entry.type === 'splitBrain')).toBe(true);
  });
});
