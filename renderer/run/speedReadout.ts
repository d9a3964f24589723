// What the status bar says about speed. Pure, so the rule is unit-tested.
import type { RunSpeed } from '../worker/protocol';
import type { RunStatus } from './types';

export const speedLabel = (speed: RunSpeed) => (speed === 'max' ? 'Max' : `${speed}×`);

/** Below this share of the asked speed a running run says it is behind real time. */
const BEHIND_SHARE = 0.8;

/**
 * What the status bar says about speed: the speed achieved while running, and plainly when the
 * machine cannot keep up with the asked speed (at Max there is nothing to fall behind).
 */
export function speedReadout(
  status: RunStatus,
  speed: RunSpeed,
  achieved: number,
): { text: string; behind: boolean; title: string } {
  if (status !== 'running') return { text: `${speedLabel(speed)} asked`, behind: false, title: '' };
  const reached = `${achieved >= 10 ? achieved.toFixed(0) : achieved.toFixed(1)}× real time`;
  const behind = speed !== 'max' && achieved > 0 && achieved < speed * BEHIND_SHARE;
  return behind
    ? {
        text: `${reached} — behind ${speedLabel(speed)}`,
        behind,
        title: `Asked ${speedLabel(speed)}: this machine simulates the design at ${reached}. The numbers are the same, only slower to arrive.`,
      }
    : { text: reached, behind, title: `Asked ${speedLabel(speed)}` };
}
