// One inspector field: a number box, a select, a checkbox or a text box. Typing is local until Enter
// or leaving the field; a value that fails its check is shown inline with the reason and is never
// passed on, so it never reaches the document. Escape puts the stored value back. Enter and Escape
// hand the keyboard back to the canvas (Tab still moves between fields).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { NumberParamSpec, ParamSpec } from '../../shared/document/catalog';
import type { ParamValue } from '../../shared/document/types';
import { MIXED, type FieldValue } from './inspectorModel';
import { describeRange, parseNumberText } from './paramInput';
import { Tooltip } from '../ui/Tooltip';
import { canvasRefs } from '../canvas/canvasRefs';
import { useDesignStore } from '../store/designStore';
import { formatPercent } from '../../shared/format';

interface FieldProps {
  name: string;
  spec: ParamSpec;
  value: FieldValue;
  /** Final check (the document schema's rules); a reason refuses the value. */
  check: (value: ParamValue) => string | null;
  onCommit: (value: ParamValue | undefined) => void;
}

export function ParamField({ name, spec, value, check, onCommit }: FieldProps) {
  const id = useId();
  const help =
    spec.type === 'number'
      ? `${describeRange(spec)}${spec.optional && !/unbounded/i.test(spec.description) ? ', or unbounded' : ''}. ${spec.description}`
      : spec.description;
  // A set value that differs from the catalog default can go back to it (left out of the file).
  const defaultValue = spec.default;
  const reset =
    defaultValue !== undefined && value !== undefined && value !== defaultValue
      ? {
          title: `Reset to default (${defaultValue}${spec.type === 'number' ? ` ${spec.unit}` : ''})`,
          run: () => onCommit(undefined),
        }
      : undefined;
  return (
    <FieldRow id={id} label={spec.label} help={help} name={name} reset={reset}>
      {(describedBy, setError) =>
        spec.type === 'number' ? (
          <NumberInput
            id={id}
            name={name}
            spec={spec}
            value={value}
            check={check}
            onCommit={onCommit}
            describedBy={describedBy}
            setError={setError}
          />
        ) : spec.type === 'enum' ? (
          <select
            id={id}
            className="field-select"
            data-testid={`inspector-${name}`}
            aria-describedby={describedBy}
            value={value === MIXED ? '' : String(value)}
            onChange={(event) => {
              const problem = check(event.target.value);
              setError(problem);
              if (!problem) onCommit(event.target.value);
            }}
          >
            {value === MIXED && (
              <option value="" disabled>
                mixed
              </option>
            )}
            {spec.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          <Checkbox
            id={id}
            name={name}
            value={value}
            describedBy={describedBy}
            onChange={(checked) => onCommit(checked)}
          />
        )
      }
    </FieldRow>
  );
}

/**
 * Label, the control and the inline error. A parameter's help (range and meaning) is read on demand:
 * hovering its "?", or beside the inspector while the field has focus, so a twenty-parameter list
 * stays short enough to scan at 720p and nothing shifts under the pointer. `helpInline` keeps the
 * help under the field instead (document notes).
 */
export function FieldRow({
  id,
  label,
  help,
  helpInline = false,
  name,
  reset,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  helpInline?: boolean;
  name: string;
  reset?: { title: string; run: () => void };
  children: (describedBy: string, setError: (error: string | null) => void) => ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [focusedAt, setFocusedAt] = useState<{ left: number; top: number } | null>(null);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const onDemand = Boolean(help) && !helpInline;
  return (
    <div
      className={`field${error ? ' field-invalid' : ''}`}
      onFocus={(event) => {
        if (!onDemand) return;
        const row = event.currentTarget.getBoundingClientRect();
        // Left of the panel that holds the field (the inspector), at the field's height.
        const panelLeft = event.currentTarget.closest('.panel')?.getBoundingClientRect().left ?? row.left;
        setFocusedAt({ left: panelLeft, top: row.top + row.height / 2 });
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusedAt(null);
      }}
    >
      <div className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {onDemand && (
          <Tooltip text={help!} wide>
            <span className="field-help-mark" data-testid={`inspector-${name}-about`} aria-hidden="true">
              ?
            </span>
          </Tooltip>
        )}
        <span className="field-label-spacer" />
        {reset && (
          <button
            type="button"
            className="field-reset"
            data-testid={`inspector-${name}-reset`}
            title={reset.title}
            aria-label={reset.title}
            onClick={() => {
              setError(null);
              reset.run();
            }}
          >
            Reset
          </button>
        )}
      </div>
      <div className="field-control">{children(error ? `${errorId} ${helpId}` : helpId, setError)}</div>
      {error && (
        <div className="field-error" id={errorId} role="alert" data-testid={`inspector-${name}-error`}>
          {error} Not applied.
        </div>
      )}
      {help && (
        // Always in the page for screen readers (aria-describedby); shown only when inline.
        <div className={`field-help${onDemand ? ' visually-hidden' : ''}`} id={helpId}>
          {help}
        </div>
      )}
      {onDemand &&
        focusedAt &&
        createPortal(
          <div
            className="tooltip tooltip-wide field-help-popover"
            data-testid={`inspector-${name}-help`}
            style={{ left: focusedAt.left - 8, top: focusedAt.top }}
          >
            {help}
          </div>,
          document.body,
        )}
    </div>
  );
}

const shownText = (value: FieldValue) =>
  value === MIXED || value === undefined ? '' : typeof value === 'number' ? String(value) : String(value);

function NumberInput({
  id,
  name,
  spec,
  value,
  check,
  onCommit,
  describedBy,
  setError,
}: {
  id: string;
  name: string;
  spec: NumberParamSpec;
  value: FieldValue;
  check: (value: ParamValue) => string | null;
  onCommit: (value: ParamValue | undefined) => void;
  describedBy: string;
  setError: (error: string | null) => void;
}) {
  const stored = shownText(value);
  // null: not editing, the field shows the stored value (which undo or another edit may change).
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);

  // A new stored value (undo, another field) ends a clean edit; a refused draft stays on screen.
  useEffect(() => {
    if (!invalid) setDraft(null);
  }, [stored, invalid]);

  const refuse = (reason: string): false => {
    setInvalid(true);
    setError(reason);
    return false;
  };
  const accept = (): true => {
    setInvalid(false);
    setError(null);
    setDraft(null);
    return true;
  };

  // Leaving by Enter or Escape already applied or reverted the draft: the blur that follows must
  // not apply this render's (stale) draft a second time.
  const handledLeave = useRef(false);
  const handBack = () => {
    handledLeave.current = true;
    canvasRefs.focusCanvas();
    handledLeave.current = false;
  };
  const onBlur = () => {
    if (!handledLeave.current) commit();
  };

  /** Applies the draft; false when it was refused (the field keeps it and shows why). */
  const commit = (): boolean => {
    if (draft === null) return true;
    // Leaving a "mixed" box empty keeps every node's own value.
    if (draft === stored) return accept();
    const parsed = parseNumberText(draft, Boolean(spec.optional));
    if (!parsed.ok) return refuse(parsed.reason);
    if (parsed.value === undefined) {
      if (value === MIXED && draft.trim() === '') return accept();
      accept();
      if (value !== undefined) onCommit(undefined);
      return true;
    }
    const reason = check(parsed.value);
    if (reason) return refuse(reason);
    accept();
    if (parsed.value !== value) onCommit(parsed.value);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      // Applied: the keyboard goes back to the canvas (Space runs, Shift+1 fits). Refused: the
      // field keeps focus so the value can be corrected.
      if (commit()) handBack();
    } else if (event.key === 'Escape') {
      // The field handles its own Escape (revert) so it does not also cancel a canvas gesture.
      event.preventDefault();
      event.stopPropagation();
      accept();
      handBack();
    }
  };

  const placeholder = value === MIXED ? 'mixed' : value === undefined && spec.optional ? 'unbounded' : '';
  return (
    <>
      <input
        id={id}
        className="field-input"
        data-testid={`inspector-${name}`}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={placeholder}
        // Nothing typed since the last commit: Ctrl/Cmd+Z undoes the document (see commands/keyboard.ts).
        data-clean={(draft ?? stored) === stored ? 'true' : undefined}
        value={draft ?? stored}
        onFocus={() => setDraft((current) => current ?? stored)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      <span className="field-unit">{unitText(spec, value)}</span>
      {spec.optional && value !== undefined && value !== MIXED && (
        <button
          type="button"
          className="field-clear"
          data-testid={`inspector-${name}-unbounded`}
          title="Clear: leave unbounded"
          onClick={() => {
            accept();
            onCommit(undefined);
          }}
        >
          ∞
        </button>
      )}
    </>
  );
}

function Checkbox({
  id,
  name,
  value,
  describedBy,
  onChange,
}: {
  id: string;
  name: string;
  value: FieldValue;
  describedBy: string;
  onChange: (checked: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = value === MIXED;
  }, [value]);
  return (
    <label className="field-check">
      <input
        ref={ref}
        id={id}
        type="checkbox"
        data-testid={`inspector-${name}`}
        aria-describedby={describedBy}
        checked={value === true}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{value === MIXED ? 'mixed' : value ? 'on' : 'off'}</span>
    </label>
  );
}

/** A text box that commits on Enter or leaving it (a textarea commits on leaving). */
export function TextField({
  name,
  label,
  value,
  multiline = false,
  help,
  onCommit,
}: {
  name: string;
  label: string;
  value: string;
  multiline?: boolean;
  help?: string;
  /** Applies the text; false when the document refused it (too long for a design file). */
  onCommit: (value: string) => boolean | void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  /** False when refused: the typed text stays in the field with the reason, nothing is lost. */
  const commit = (): boolean => {
    if (draft !== null && draft !== value && onCommit(draft) === false) {
      setRefusal(useDesignStore.getState().lastRefusal);
      return false;
    }
    setDraft(null);
    setRefusal(null);
    return true;
  };
  // As in the number box: Enter/Escape already applied or reverted, so the blur they cause is ignored.
  const handledLeave = useRef(false);
  const handBack = () => {
    handledLeave.current = true;
    canvasRefs.focusCanvas();
    handledLeave.current = false;
  };
  const common = {
    id,
    'data-testid': `inspector-${name}`,
    'data-clean': draft === null || draft === value ? 'true' : undefined,
    value: draft ?? value,
    spellCheck: multiline,
    'aria-invalid': refusal ? true : undefined,
    'aria-describedby': refusal ? `${id}-refusal` : undefined,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onBlur: () => {
      if (!handledLeave.current) commit();
    },
    onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        // A refused text keeps focus, like a refused number.
        if (commit()) handBack();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDraft(null);
        setRefusal(null);
        handBack();
      }
    },
  };
  return (
    <FieldRow id={id} label={label} help={help} helpInline name={name}>
      {() => (
        <>
          {multiline ? (
            <textarea className="field-textarea" rows={4} {...common} />
          ) : (
            <input className="field-input field-input-wide" autoComplete="off" {...common} />
          )}
          {refusal && (
            <div
              className="field-error"
              id={`${id}-refusal`}
              role="alert"
              data-testid={`inspector-${name}-refusal`}
            >
              {refusal}
            </div>
          )}
        </>
      )}
    </FieldRow>
  );
}

/** A number's unit beside its box; a fraction also reads as the percentage it is ("fraction · 1%"). */
export function unitText(spec: NumberParamSpec, value: FieldValue): string {
  return spec.unit === 'fraction' && typeof value === 'number'
    ? `fraction · ${formatPercent(value)}`
    : spec.unit;
}
