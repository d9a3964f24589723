// The example designs in assets/templates, as parsed documents (tests and benchmark fixtures).
import type { Design } from '../document/types';
import authAtTheEdge from '../../assets/templates/auth-at-the-edge.bpd?raw';
import capPartition from '../../assets/templates/cap-partition.bpd?raw';
import chat from '../../assets/templates/chat.bpd?raw';
import failoverLab from '../../assets/templates/failover-lab.bpd?raw';
import flashSale from '../../assets/templates/flash-sale.bpd?raw';
import mm1 from '../../assets/templates/mm1.bpd?raw';
import newsFeed from '../../assets/templates/news-feed.bpd?raw';
import onePageThreeWays from '../../assets/templates/one-page-three-ways.bpd?raw';
import photoSharing from '../../assets/templates/photo-sharing.bpd?raw';
import rateLimitedApi from '../../assets/templates/rate-limited-api.bpd?raw';
import sixTier from '../../assets/templates/six-tier-reference.bpd?raw';
import threeTier from '../../assets/templates/three-tier.bpd?raw';
import urlShortener from '../../assets/templates/url-shortener.bpd?raw';

const TEXTS: Record<string, string> = {
  'auth-at-the-edge': authAtTheEdge,
  'cap-partition': capPartition,
  chat,
  'failover-lab': failoverLab,
  'flash-sale': flashSale,
  mm1,
  'news-feed': newsFeed,
  'one-page-three-ways': onePageThreeWays,
  'photo-sharing': photoSharing,
  'rate-limited-api': rateLimitedApi,
  'six-tier-reference': sixTier,
  'three-tier': threeTier,
  'url-shortener': urlShortener,
};

export type TemplateName =
  | 'auth-at-the-edge'
  | 'cap-partition'
  | 'chat'
  | 'failover-lab'
  | 'flash-sale'
  | 'mm1'
  | 'news-feed'
  | 'one-page-three-ways'
  | 'photo-sharing'
  | 'rate-limited-api'
  | 'six-tier-reference'
  | 'three-tier'
  | 'url-shortener';

export function template(name: TemplateName): Design {
  return JSON.parse(TEXTS[name]) as Design;
}
