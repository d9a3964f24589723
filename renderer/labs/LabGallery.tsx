// The Labs gallery: a card per bundled lab (concept, level, minutes, a thumbnail drawn from its
// design, the learner's progress), in a dialog (labs.open) and on the start screen; and "Open lab
// file…" for a .bplab on disk. A malformed file is not opened: the problems dialog names each JSON
// path and the open design stays as it was.
import { useMemo, useRef, type ChangeEvent } from 'react';
import type { Design } from '../../shared/document/types';
import { designSvg, svgDataUrl } from '../canvas/exportSvg';
import { useFilesStore } from '../files/filesStore';
import { Dialog } from '../ui/Dialog';
import { currentCanvasTheme, useResolvedTheme } from '../ui/themeColors';
import { doneStepCount } from './labProgress';
import { bundledLabs, problemText, readLab, type LabEntry } from './labLibrary';
import { openLab } from './labSession';
import { useLabStore } from './labStore';
import './labs.css';

type GoodEntry = Extract<LabEntry, { ok: true }>;

function Thumbnail({ design }: { design: Design }) {
  const theme = useResolvedTheme();
  const url = useMemo(() => {
    const drawn = designSvg(design, { background: 'themed', theme: currentCanvasTheme() });
    return drawn ? svgDataUrl(drawn.svg) : null;
    // The theme decides the colours currentCanvasTheme() returns.
  }, [design, theme]);
  return url ? (
    <img className="lab-card-thumbnail" src={url} alt="" />
  ) : (
    <div className="lab-card-thumbnail" />
  );
}

function LabCard({ entry }: { entry: GoodEntry }) {
  const progress = useLabStore((state) => state.progress);
  const { lab } = entry;
  const total = lab.steps.length;
  const done = doneStepCount(
    progress,
    lab.id,
    lab.steps.map((step) => step.id),
  );
  return (
    <li>
      <button
        type="button"
        className="lab-card"
        data-testid={`lab-card-${lab.id}`}
        onClick={() => void openLab(entry)}
      >
        <Thumbnail design={entry.design} />
        <span className="lab-card-concept">{lab.concept}</span>
        <span className="lab-card-title">{lab.title}</span>
        <span className="lab-card-meta">
          {LEVEL_WORDS[lab.level]} · {lab.minutes} min · {total} steps
        </span>
        <span className="lab-card-progress" data-testid="lab-card-progress">
          <span className="lab-card-bar">
            <span style={{ width: `${(100 * done) / Math.max(1, total)}%` }} />
          </span>
          {done === 0 ? 'Not started' : done >= total ? 'Done' : `${done} of ${total} steps done`}
        </span>
      </button>
    </li>
  );
}

const LEVEL_WORDS = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' } as const;

/** Reads a .bplab the learner picked: opens it beside the canvas, or lists its problems. */
async function openLabFile(file: File): Promise<void> {
  const entry = readLab(await file.text(), file.name);
  if (!entry.ok) {
    useFilesStore.setState({ problems: { source: file.name, problems: entry.problems.map(problemText) } });
    return;
  }
  await openLab(entry);
}

export function OpenLabFileButton() {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void openLabFile(file);
  };
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="lab-open-file"
        onClick={() => input.current?.click()}
      >
        Open lab file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".bplab,application/json"
        hidden
        data-testid="lab-file-input"
        onChange={onChange}
      />
    </>
  );
}

/** The cards (bundled labs), and the broken bundled ones with their first problem. */
export function LabCards({ limit }: { limit?: number }) {
  const entries = bundledLabs();
  const good = entries.filter((entry): entry is GoodEntry => entry.ok);
  const broken = entries.filter((entry) => !entry.ok);
  const shown = limit ? good.slice(0, limit) : good;
  return (
    <>
      {good.length === 0 && (
        <p className="start-empty">No labs are bundled in this build; open a lab file.</p>
      )}
      <ul className="lab-cards" data-testid="lab-cards">
        {shown.map((entry) => (
          <LabCard key={entry.lab.id} entry={entry} />
        ))}
      </ul>
      {broken.map((entry) => (
        <p key={entry.file} className="lab-broken" role="alert">
          {entry.file} cannot open: {problemText(entry.problems[0])}
        </p>
      ))}
    </>
  );
}

/** The gallery dialog (labs.open). */
export function LabGallery() {
  const open = useLabStore((state) => state.galleryOpen);
  if (!open) return null;
  const close = () => useLabStore.setState({ galleryOpen: false });
  return (
    <Dialog title="Labs" onClose={close} testId="lab-gallery" width={860}>
      <p className="start-lead">
        Guided lessons that check themselves: every claim is a check on the running simulation.
      </p>
      <div className="start-actions">
        <OpenLabFileButton />
      </div>
      <LabCards />
    </Dialog>
  );
}

/** The start screen's section: the labs, and a way to open one from disk. */
export function StartScreenLabs() {
  return (
    <section className="start-section" data-testid="start-labs">
      <h3>Labs</h3>
      <LabCards limit={6} />
      <div className="start-actions">
        <OpenLabFileButton />
        <button
          type="button"
          className="button"
          data-testid="start-all-labs"
          onClick={() => useLabStore.setState({ galleryOpen: true })}
        >
          All labs…
        </button>
      </div>
    </section>
  );
}
