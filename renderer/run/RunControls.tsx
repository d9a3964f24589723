// Run controls in the toolbar's run slot: Run/Pause, Step, Reset, speed, and the run settings
// (seed, duration, warm-up: the design's scenario). The live run itself (commands, live edits,
// automation, the canvas live layer) is installed by `useLiveRun`, which App calls outside the
// toolbar's error boundary so a broken toolbar does not stop the run.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { commandInfo } from '../../shared/commands/commands';
import { isCommandEnabled, runCommand } from '../commands/registry';
import { displayShortcut } from '../commands/shortcutText';
import { useCommandStateVersion } from '../commands/useCommandState';
import { useDesignStore } from '../store/designStore';
import { installLiveEdits } from './liveEdits';
import { installRunAutomation } from './runAutomation';
import { registerRunCommands } from './runCommandHandlers';
import { RUN_SPEEDS, runClient } from './runClient';
import { useRunStore } from './runStore';
import { SpikeDialog } from './SpikeDialog';
import { speedLabel, speedReadout } from './speedReadout';
import './run.css';

/** Installs everything the live run needs; once, for the app's lifetime. */
export function useLiveRun(): void {
  useEffect(() => {
    const uninstall = [registerRunCommands(), installLiveEdits(), installRunAutomation()];
    return () => uninstall.forEach((undo) => undo());
  }, []);
}

export { speedLabel };

/** Run icons as SVG (a Unicode ⏭ renders as an empty box in some Chromium builds). */
const RUN_ICONS: Record<'run' | 'pause' | 'step' | 'reset', ReactNode> = {
  run: <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" />,
  pause: (
    <>
      <rect x="6" y="5" width="4" height="14" rx="1" fill="currentColor" stroke="none" />
      <rect x="14" y="5" width="4" height="14" rx="1" fill="currentColor" stroke="none" />
    </>
  ),
  step: (
    <>
      <path d="M5 5.5v13l10-6.5z" fill="currentColor" />
      <path d="M18.5 5.5v13" />
    </>
  ),
  reset: <path d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4v4.5H9" />,
};

function RunButton({
  id,
  label,
  icon,
  wide,
}: {
  id: string;
  label: string;
  icon: keyof typeof RUN_ICONS;
  wide?: boolean;
}) {
  useCommandStateVersion();
  const info = commandInfo(id);
  const shortcut = info?.shortcut ? displayShortcut(info.shortcut) : null;
  return (
    <button
      type="button"
      className={`toolbar-button run-button${wide ? ' run-button-main' : ''}`}
      data-testid={`cmd-${id}`}
      data-icon={icon}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={!isCommandEnabled(id)}
      onClick={() => void runCommand(id)}
    >
      <svg
        className="run-button-icon"
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="18"
        height="18"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {RUN_ICONS[icon]}
      </svg>
    </button>
  );
}

interface SettingField {
  key: 'seed' | 'durationS' | 'warmupS';
  label: string;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
}
const SETTINGS: SettingField[] = [
  { key: 'seed', label: 'Seed', unit: '', min: 0, max: 4_294_967_295, integer: true },
  { key: 'durationS', label: 'Duration', unit: 's', min: 1, max: 86_400, integer: false },
  { key: 'warmupS', label: 'Warm-up', unit: 's', min: 0, max: 86_400, integer: false },
];

/** A clear message naming what is wrong, or null when the text is a valid value. */
export function settingProblem(field: SettingField, text: string, durationS: number): string | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return `${field.label} must be a number.`;
  if (field.integer && !Number.isInteger(value)) return `${field.label} must be a whole number.`;
  if (value < field.min || value > field.max)
    return `${field.label} must be between ${field.min} and ${field.max.toLocaleString('en-US')}${field.unit ? ` ${field.unit}` : ''}.`;
  if (field.key === 'warmupS' && value >= durationS)
    return `Warm-up must be shorter than the duration (${durationS} s).`;
  return null;
}

function SettingInput({ field }: { field: SettingField }) {
  const value = useDesignStore((state) => state.design.scenario[field.key]);
  const durationS = useDesignStore((state) => state.design.scenario.durationS);
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(String(value));
    setProblem(null);
  }, [value]);
  const commit = () => {
    const issue = settingProblem(field, text, durationS);
    setProblem(issue);
    if (issue) return;
    const next = Number(text.trim());
    if (next === value) return;
    useDesignStore.getState().change(`Change ${field.label.toLowerCase()}`, (design) => {
      design.scenario[field.key] = next;
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') {
      setText(String(value));
      setProblem(null);
    }
  };
  return (
    <label className="run-setting">
      <span>{field.label}</span>
      <span className="run-setting-input">
        <input
          data-testid={`run-${field.key}`}
          inputMode="decimal"
          value={text}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setText(event.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        {field.unit ? <span className="run-setting-unit">{field.unit}</span> : null}
      </span>
      {problem ? (
        <span className="run-setting-problem" role="alert" data-testid={`run-${field.key}-problem`}>
          {problem}
        </span>
      ) : null}
    </label>
  );
}

function RunSettings() {
  const [open, setOpen] = useState(false);
  const popover = useRef<HTMLDivElement>(null);
  const seed = useDesignStore((state) => state.design.scenario.seed);
  const durationS = useDesignStore((state) => state.design.scenario.durationS);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (event.target instanceof Node && popover.current?.parentElement?.contains(event.target)) return;
      setOpen(false);
    };
    window.addEventListener('pointerdown', close, true);
    return () => window.removeEventListener('pointerdown', close, true);
  }, [open]);
  return (
    <div className="run-settings">
      <button
        type="button"
        className="toolbar-button toolbar-button-text run-settings-button"
        data-testid="run-settings"
        aria-expanded={open}
        title={`Run settings: seed ${seed}, duration ${durationS} s, warm-up`}
        aria-label="Run settings"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⚙</span>
      </button>
      {open ? (
        <div className="run-settings-popover" ref={popover} role="dialog" aria-label="Run settings">
          {SETTINGS.map((field) => (
            <SettingInput key={field.key} field={field} />
          ))}
          <p className="run-settings-hint" data-testid="run-seed-help">
            Saved with the design: the same seed replays the same run. Each component draws its own random
            numbers from the seed and its id, so two designs whose components share ids get the same arrivals
            at the same seed: a fair side-by-side comparison (common random numbers).
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function RunControls() {
  const status = useRunStore((state) => state.status);
  const speed = useRunStore((state) => state.speed);
  const running = status === 'running';
  return (
    <div className="run-controls" data-testid="run-controls" data-status={status}>
      <RunButton
        id="run.toggle"
        label={running ? 'Pause' : status === 'paused' ? 'Resume' : 'Run'}
        icon={running ? 'pause' : 'run'}
        wide
      />
      <RunButton id="run.step" label="Step 1 s" icon="step" />
      <RunButton id="run.reset" label="Reset run" icon="reset" />
      <label className="run-speed" title="Simulation speed (multiple of real time)">
        <span className="visually-hidden">Speed</span>
        <select
          data-testid="run-speed"
          value={String(speed)}
          onChange={(event) => {
            const value = event.target.value;
            runClient.setSpeed(value === 'max' ? 'max' : Number(value));
          }}
        >
          {RUN_SPEEDS.map((option) => (
            <option key={String(option)} value={String(option)}>
              {speedLabel(option)}
            </option>
          ))}
        </select>
      </label>
      <RunSettings />
      <SpikeDialog />
    </div>
  );
}

const formatTime = (ms: number) => {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
};
const formatRate = (perS: number) =>
  perS >= 1e6 ? `${(perS / 1e6).toFixed(1)}M` : perS >= 1e3 ? `${(perS / 1e3).toFixed(0)}k` : perS.toFixed(0);

/** The status bar's run segment: sim time, the speed actually achieved, events per second. */
export function RunStatusLine() {
  const status = useRunStore((state) => state.status);
  const simTimeMs = useRunStore((state) => state.simTimeMs);
  const durationS = useRunStore((state) => state.durationS);
  const achieved = useRunStore((state) => state.achievedSpeed);
  const eventsPerS = useRunStore((state) => state.eventsPerS);
  const speed = useRunStore((state) => state.speed);
  const cursorS = useRunStore((state) => state.cursorS);
  const crash = useRunStore((state) => state.crash);
  const crashed = crash !== null && status === 'idle';
  const readout = speedReadout(status, speed, achieved);
  const label = crashed
    ? 'Crashed'
    : { idle: 'Not running', running: 'Running', paused: 'Paused', done: 'Finished' }[status];
  return (
    <span
      className={`run-status run-status-${crashed ? 'crashed' : status}`}
      data-testid="run-status-line"
      title={crashed ? crash : undefined}
    >
      <span className="run-status-dot" aria-hidden="true" />
      <span data-testid="run-status">{label}</span>
      <span data-testid="run-sim-time">
        {formatTime(simTimeMs)} / {formatTime(durationS * 1000)}
      </span>
      {cursorS !== null ? <span data-testid="run-cursor">viewing {formatTime(cursorS * 1000)}</span> : null}
      <span
        data-testid="run-achieved-speed"
        data-behind={readout.behind ? 'true' : undefined}
        className={readout.behind ? 'run-behind' : undefined}
        title={readout.title}
      >
        {readout.text}
      </span>
      <span data-testid="run-events-per-s">{formatRate(status === 'running' ? eventsPerS : 0)} events/s</span>
    </span>
  );
}
