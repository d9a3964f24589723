// The example designs in assets/templates, as parsed documents (tests and benchmark fixtures).
import type { Design } from '../document/types';
import capPartition from '../../assets/templates/cap-partition.bpd?raw';
import failoverLab from '../../assets/templates/failover-lab.bpd?raw';
import mm1 from '../../assets/templates/mm1.bpd?raw';
import sixTier from '../../assets/templates/six-tier-reference.bpd?raw';
import threeTier from '../../assets/templates/three-tier.bpd?raw';

const TEXTS: Record<string, string> = {
  'cap-partition': capPartition,
  'failover-lab': failoverLab,
  mm1,
  'six-tier-reference': sixTier,
  'three-tier': threeTier,
};

export function template(
  name: 'cap-partition' | 'failover-lab' | 'mm1' | 'six-tier-reference' | 'three-tier',
): Design {
  return JSON.parse(TEXTS[name]) as Design;
}
