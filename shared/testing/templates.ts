// The example designs in assets/templates, as parsed documents (tests and benchmark fixtures).
import type { Design } from '../document/types';
import authAtTheEdge from '../../assets/templates/auth-at-the-edge.bpd?raw';
import capPartition from '../../assets/templates/cap-partition.bpd?raw';
import failoverLab from '../../assets/templates/failover-lab.bpd?raw';
import mm1 from '../../assets/templates/mm1.bpd?raw';
import onePageThreeWays from '../../assets/templates/one-page-three-ways.bpd?raw';
import sixTier from '../../assets/templates/six-tier-reference.bpd?raw';
import threeTier from '../../assets/templates/three-tier.bpd?raw';

const TEXTS: Record<string, string> = {
  'auth-at-the-edge': authAtTheEdge,
  'cap-partition': capPartition,
  'failover-lab': failoverLab,
  mm1,
  'one-page-three-ways': onePageThreeWays,
  'six-tier-reference': sixTier,
  'three-tier': threeTier,
};

export type TemplateName =
  | 'auth-at-the-edge'
  | 'cap-partition'
  | 'failover-lab'
  | 'mm1'
  | 'one-page-three-ways'
  | 'six-tier-reference'
  | 'three-tier';

export function template(name: TemplateName): Design {
  return JSON.parse(TEXTS[name]) as Design;
}
