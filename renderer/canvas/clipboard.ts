// Cut/copy/paste through the system clipboard as JSON (so it crosses documents and windows), with an
// in-memory copy when the browser denies clipboard access. Paste prefers the system clipboard when
// it holds our format, else the in-memory copy.
import { copyPayload, parsePayload, type ClipboardPayload } from './clipboardFormat';
import { useDesignStore } from '../store/designStore';

let memory: ClipboardPayload | null = null;

export async function copySelection(): Promise<ClipboardPayload | null> {
  const { design, selection } = useDesignStore.getState();
  if (selection.nodes.length + selection.notes.length === 0) return null;
  const payload = copyPayload(design, selection);
  memory = payload;
  try {
    await navigator.clipboard.writeText(JSON.stringify(payload));
  } catch {
    // Permission denied or no clipboard (insecure context): the in-memory copy serves this window.
  }
  return payload;
}

export async function readClipboard(): Promise<ClipboardPayload | null> {
  try {
    const text = await navigator.clipboard.readText();
    const parsed = parsePayload(text);
    if (parsed) return parsed;
  } catch {
    // Fall back to the in-memory copy below.
  }
  return memory;
}

export function hasClipboardContent(): boolean {
  return memory !== null;
}
