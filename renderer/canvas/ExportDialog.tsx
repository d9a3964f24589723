// The Export image dialog (`file.exportPng`, `file.exportSvg`): PNG or SVG, whole design or
// selection, 1× or 2× (PNG; an SVG has no pixels), themed or transparent background. A native modal
// <dialog>, so Escape closes it without a key binding.
import { useEffect, useRef, useState } from 'react';
import { useDesignStore } from '../store/designStore';
import { useCanvasUi } from '../store/canvasUiStore';
import { exportPng, exportSvg, type PngOptions } from './exportPng';

interface ImageOptions extends PngOptions {
  format: 'png' | 'svg';
}

export function ExportDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hasSelection = useDesignStore(
    (state) => state.selection.nodes.length + state.selection.notes.length > 0,
  );
  const [options, setOptions] = useState<ImageOptions>({
    format: useCanvasUi.getState().exportFormat,
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

  const choice = <K extends keyof ImageOptions>(
    key: K,
    value: ImageOptions[K],
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
          const done = options.format === 'svg' ? await exportSvg(options) : await exportPng(options);
          setBusy(false);
          if (done) dialogRef.current?.close();
        }}
      >
        <h2>Export image</h2>
        <fieldset>
          <legend>Format</legend>
          {choice('format', 'png', 'PNG (picture)')}
          {choice('format', 'svg', 'SVG (vector: sharp at any size, text stays text)')}
        </fieldset>
        <fieldset>
          <legend>What</legend>
          {choice('scope', 'design', 'Whole design')}
          {choice('scope', 'selection', 'Selection only', !hasSelection)}
        </fieldset>
        <fieldset>
          <legend>Size</legend>
          {choice('scale', 1, '1×', options.format === 'svg')}
          {choice('scale', 2, '2× (sharp on slides)', options.format === 'svg')}
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
            {busy ? 'Exporting…' : `Export ${options.format.toUpperCase()}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}
