// The inspector's part for a frame: what it does when shown as a slide in presentation mode — chaos
// it plays (action, target, seconds after the slide is shown) and a lab step it opens beside it.
// Every edit is one undo step; a target the design lacks cannot be picked (the file check refuses
// one that goes missing later, naming notes[i].slide.play[j].target).
import { useMemo, useState } from 'react';
import type { Design, Slide } from '../../shared/document/types';
import {
  FAULT_ACTIONS,
  faultActionInfo,
  faultTargets,
  targetsFor,
  type FaultAction,
} from '../../shared/interview/faults';
import { formatNumber } from '../../shared/format';
import { bundledLabs } from '../labs/labLibrary';
import { useDesignStore } from '../store/designStore';

const change = (label: string, recipe: (design: Design) => void) =>
  useDesignStore.getState().change(label, recipe);

function editSlide(noteId: string, label: string, recipe: (slide: Slide) => void): void {
  change(label, (design) => {
    const note = design.notes.find((candidate) => candidate.id === noteId);
    if (!note) return;
    const slide: Slide = note.slide ?? {};
    recipe(slide);
    if (slide.play?.length === 0) delete slide.play;
    if (slide.play || slide.lab) note.slide = slide;
    else delete note.slide;
  });
}

export function SlideSection({ noteId }: { noteId: string }) {
  const slide = useDesignStore((state) => state.design.notes.find((note) => note.id === noteId)?.slide);
  // The fault remote's actions and targets (shared/interview/faults.ts): a partition only on a
  // replicated database, a spike on a client, a cut on a connection.
  const design = useDesignStore((state) => state.design);
  const allTargets = useMemo(() => faultTargets(design), [design]);
  const [action, setAction] = useState<FaultAction>('kill');
  const [target, setTarget] = useState('');
  const [afterS, setAfterS] = useState('3');
  const labelOf = (id: string) => allTargets.find((candidate) => candidate.id === id)?.label ?? id;
  const targets = targetsFor(action, allTargets);
  const chosen = targets.some((option) => option.id === target) ? target : (targets[0]?.id ?? '');
  const seconds = Number(afterS);
  const secondsProblem =
    afterS.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > 3600
      ? 'a number of seconds from 0 to 3,600'
      : null;

  const labs = bundledLabs().flatMap((entry) => (entry.ok ? [entry.lab] : []));
  const lab = labs.find((candidate) => candidate.id === slide?.lab?.id);

  return (
    <section className="inspector-section slide-section" data-testid="inspector-slide">
      <div className="field-label">As a slide (presentation mode)</div>
      <p className="panel-hint">Shown with → in presentation mode (F5), this frame plays:</p>
      {slide?.play && slide.play.length > 0 ? (
        <ol className="event-list" data-testid="slide-plays">
          {slide.play.map((event, index) => (
            <li key={index} className="event-item">
              <span className="event-time">+{formatNumber(event.atS)} s</span>
              <span className="event-text">
                <strong>{event.action}</strong> {labelOf(event.target)}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${event.action} at +${event.atS} s`}
                data-testid={`slide-play-remove-${index}`}
                onClick={() =>
                  editSlide(noteId, `Remove ${event.action} from the slide`, (draft) => {
                    draft.play?.splice(index, 1);
                  })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="panel-hint" data-testid="slide-plays-empty">
          No chaos yet. The run starts when the slide is shown if it plays some.
        </p>
      )}
      <form
        className="slide-add"
        onSubmit={(event) => {
          event.preventDefault();
          if (secondsProblem || !chosen) return;
          const { factor, durationS } = faultActionInfo(action);
          const played = {
            atS: seconds,
            action,
            target: chosen,
            ...(factor ? { factor } : {}),
            ...(durationS ? { durationS } : {}),
          };
          editSlide(noteId, `Add ${action} to the slide`, (draft) => {
            draft.play = [...(draft.play ?? []), played].sort((a, b) => a.atS - b.atS);
          });
        }}
      >
        <select
          className="field-select"
          aria-label="Chaos action"
          data-testid="slide-add-action"
          value={action}
          onChange={(event) => setAction(event.target.value as FaultAction)}
        >
          {FAULT_ACTIONS.map((info) => (
            <option key={info.id} value={info.id}>
              {info.label}
            </option>
          ))}
        </select>
        <select
          className="field-select"
          aria-label="Target"
          data-testid="slide-add-target"
          value={chosen}
          onChange={(event) => setTarget(event.target.value)}
        >
          {targets.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
        <label className="slide-add-after">
          after
          <input
            className="field-input"
            inputMode="decimal"
            aria-label="Seconds after the slide is shown"
            aria-invalid={secondsProblem !== null}
            data-testid="slide-add-after"
            value={afterS}
            onChange={(event) => setAfterS(event.target.value)}
          />
          s
        </label>
        <button
          type="submit"
          className="button"
          data-testid="slide-add"
          disabled={!chosen || !!secondsProblem}
        >
          Add
        </button>
        {secondsProblem && (
          <p className="field-error" role="alert">
            After: {secondsProblem}
          </p>
        )}
      </form>
      <label className="field-label" htmlFor={`slide-lab-${noteId}`}>
        Lab step beside it
      </label>
      <select
        id={`slide-lab-${noteId}`}
        className="field-select"
        data-testid="slide-lab"
        value={slide?.lab ? `${slide.lab.id}\u0000${slide.lab.step}` : ''}
        onChange={(event) => {
          const [id, step] = event.target.value.split('\u0000');
          editSlide(noteId, id ? 'Set the slide’s lab step' : 'Remove the slide’s lab step', (draft) => {
            if (id && step) draft.lab = { id, step };
            else delete draft.lab;
          });
        }}
      >
        <option value="">None</option>
        {labs.map((candidate) => (
          <optgroup key={candidate.id} label={candidate.title}>
            {candidate.steps.map((step, index) => (
              <option key={step.id} value={`${candidate.id}\u0000${step.id}`}>
                Step {index + 1}: {step.id}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {slide?.lab && !lab && (
        <p className="field-error" role="alert">
          This build has no lab step {slide.lab.id} › {slide.lab.step}.
        </p>
      )}
    </section>
  );
}
