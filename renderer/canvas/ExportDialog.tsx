// The Export PNG dialog (`file.exportPng`): whole design or selection, 1× or 2×, themed or
// transparent background. A native modal <dialog>, so Escape closes it without a key binding.
import { useEffect, useRef, useState } from 'react';
import { useDesignStore } from '../store/designStore';
import { useCanvasUi } from '../store/canvasUiStore';
import { exportPng, type PngOptions } from './exportPng';

export function ExportDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hasSelection = useDesignStore(
    (state) => state.selection.nodes.length + state.selection.notes.length > 0,
  );
  const [options, setOptions] = useState<PngOptions>({
    scope: hasSelection ? 'selection' : 'design',
    scale: 2,
    background: 'themed',
  });
  const [busy, setBusy] = useState(false);
  const close = () => useCanvasUi.getState().set({ exportDialogOpen: false });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const choice = <K extends keyof PngOptions>(
    key: K,
    value: PngOptions[K],
    label: string,
    disabled = false,
  ) => (
    <label className={disabled ? 'disabled' : undefined}>
      <input
        type="radio"
        name={key}
        data-testid={`export-${key}-${value}`}
        checked={options[key] === value}
        disabled={disabled}
        onChange={() => setOptions((current) => ({ ...current, [key]: value }))}
      />
      {label}
    </label>
  );

  return (
    <dialog
      ref={dialogRef}
      className="canvas-dialog"
      data-testid="export-dialog"
      onClose={close}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <form
        method="dialog"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const done = await exportPng(options);
          setBusy(false);
          if (done) dialogRef.current?.close();
        }}
      >
        <h2>Export PNG</h2>
        <fieldset>
          <legend>What</legend>
          {choice('scope', 'design', 'Whole design')}
          {choice('scope', 'selection', 'Selection only', !hasSelection)}
        </fieldset>
        <fieldset>
          <legend>Size</legend>
          {choice('scale', 1, '1×')}
          {choice('scale', 2, '2× (sharp on slides)')}
        </fieldset>
        <fieldset>
          <legend>Background</legend>
          {choice('background', 'themed', 'Theme colour')}
          {choice('background', 'transparent', 'Transparent')}
        </fieldset>
        <div className="canvas-dialog-buttons">
          <button type="button" data-testid="export-cancel" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="submit" data-testid="export-confirm" disabled={busy} autoFocus>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
