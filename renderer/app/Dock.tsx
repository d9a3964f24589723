// The bottom dock, reserved for the live run: a header and one slot. The live-run feature mounts its
// metrics here (`<Dock title="Run metrics"><RunMetrics /></Dock>` in App.tsx); until something is
// mounted it says how to start a run.
import type { ReactNode } from 'react';
import { formatShortcut, commandInfo } from '../../shared/commands/commands';
import { isMac } from '../commands/keyboard';

export function Dock({
  title = 'Run metrics',
  actions,
  children,
  onCollapse,
}: {
  title?: string;
  /** Buttons at the right end of the header (speed, chart choice …). */
  actions?: ReactNode;
  children?: ReactNode;
  onCollapse: () => void;
}) {
  const runKey = commandInfo('run.toggle')?.shortcut;
  return (
    <section className="dock" aria-label={title} data-testid="dock">
      <header className="dock-header">
        <h2>{title}</h2>
        <div className="dock-actions">{actions}</div>
        <button
          type="button"
          className="icon-button"
          title="Hide run dock"
          aria-label="Hide run dock"
          onClick={onCollapse}
        >
          ⌄
        </button>
      </header>
      <div className="dock-body" data-testid="dock-slot">
        {children ?? (
          <p className="panel-hint">
            Run the design{runKey ? ` (${formatShortcut(runKey, isMac ? 'mac' : 'other')})` : ''} to see
            throughput, p99 latency, queue depth and errors per node here.
          </p>
        )}
      </div>
    </section>
  );
}
