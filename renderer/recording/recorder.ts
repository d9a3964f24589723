// Records the canvas and the run dock as a WebM video. Every animation frame, one off-screen
// canvas is composed from the Konva stage's layer canvases (grid, design, interaction, live run)
// at their place on the page, and a snapshot of the dock (its backgrounds, text and chart canvases:
// ./domSnapshot.ts) refreshed at the dock's own rate; MediaRecorder encodes that canvas's
// `captureStream()`. Stopping hands the video to the platform (save dialog on desktop, a download
// in the browser). Browsers without MediaRecorder or canvas capture get a message saying so.
// Nothing runs while not recording.
import { EXPORT_FORMATS } from '../../shared/platform/exportFormats';
import { fileNameForTitle } from '../../shared/platform/desktopApi';
import { getDesktopApi } from '../platform/getDesktopApi';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { canvasRefs } from '../canvas/canvasRefs';
import { paintDom } from './domSnapshot';
import { useRecordingStore } from './recordingStore';

/** Frames per second asked of the canvas capture. */
export const RECORDING_FPS = 30;
/** The dock's snapshot is repainted this often (it refreshes its own numbers at 4 Hz). */
const DOCK_REFRESH_MS = 250;
/** Output pixels: the page's at up to 2× device pixels, at most this wide. */
const MAX_OUTPUT_WIDTH = 2560;
/** A chunk of the video arrives every second (so a long recording never holds one huge buffer). */
const CHUNK_MS = 1000;
/** Stop before the file would be larger than the platform accepts. */
const MAX_BYTES = EXPORT_FORMATS.webm.maxBytes * 0.95;

export const NO_MEDIA_RECORDER =
  'Recording needs MediaRecorder, which this browser does not have. Use the desktop app or a current Chrome, Edge or Firefox to record a run.';
const NO_CANVAS_CAPTURE =
  'Recording needs canvas capture (captureStream), which this browser does not have. Use the desktop app or a current Chrome, Edge or Firefox.';

/** Why this browser cannot record, or null when it can. */
export function recordingUnsupportedReason(): string | null {
  if (typeof window.MediaRecorder !== 'function') return NO_MEDIA_RECORDER;
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return NO_CANVAS_CAPTURE;
  return null;
}

/** The first WebM encoding this browser offers (VP9, then VP8, then its default). */
export function webmMimeType(isSupported: (type: string) => boolean): string {
  return ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find(isSupported) ?? 'video/webm';
}

interface Session {
  recorder: MediaRecorder;
  chunks: Blob[];
  bytes: number;
  frame: number;
  dockCanvas: HTMLCanvasElement;
  dockPaintedAt: number;
  stopped: Promise<Blob>;
}

let session: Session | null = null;

/** The page rectangle the video covers: the canvas and, when shown, the dock under it. */
function recordedRegion(): DOMRect | null {
  const canvas = document.querySelector('[data-testid="canvas"]');
  if (!canvas) return null;
  const rects = [canvas.getBoundingClientRect()];
  const dock = document.querySelector('[data-testid="dock"]');
  if (dock) rects.push(dock.getBoundingClientRect());
  const left = Math.min(...rects.map((rect) => rect.left));
  const top = Math.min(...rects.map((rect) => rect.top));
  const right = Math.max(...rects.map((rect) => rect.right));
  const bottom = Math.max(...rects.map((rect) => rect.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

/** Draws one frame of the region into `output` (the stage's layers, then the dock's snapshot). */
function drawFrame(output: HTMLCanvasElement, current: Session, region: DOMRect, now: number): void {
  const context = output.getContext('2d')!;
  const scale = output.width / region.width;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
  context.fillRect(0, 0, output.width, output.height);
  context.setTransform(scale, 0, 0, scale, -region.left * scale, -region.top * scale);
  const stage = canvasRefs.stage;
  if (stage) {
    const box = stage.container().getBoundingClientRect();
    for (const layer of stage.getLayers()) {
      if (!layer.isVisible()) continue;
      const canvas = layer.getNativeCanvasElement();
      context.drawImage(canvas, box.left, box.top, box.width, box.height);
    }
  }
  const dock = document.querySelector('[data-testid="dock"]');
  if (dock) {
    if (now - current.dockPaintedAt >= DOCK_REFRESH_MS) {
      current.dockPaintedAt = now;
      const dockContext = current.dockCanvas.getContext('2d')!;
      dockContext.setTransform(1, 0, 0, 1, 0, 0);
      dockContext.clearRect(0, 0, current.dockCanvas.width, current.dockCanvas.height);
      dockContext.setTransform(scale, 0, 0, scale, -region.left * scale, -region.top * scale);
      paintDom(dockContext, dock);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(current.dockCanvas, 0, 0);
  }
}

/** Starts recording the canvas and dock; false (with a message) when it cannot. */
export function startRecording(): boolean {
  const notice = useUiStore.getState().showNotice;
  if (session) return true;
  const unsupported = recordingUnsupportedReason();
  if (unsupported) {
    notice({ text: unsupported, tone: 'warning' });
    return false;
  }
  const region = recordedRegion();
  if (!region || region.width < 1 || region.height < 1) {
    notice({ text: 'There is no canvas on screen to record.', tone: 'warning' });
    return false;
  }
  const scale = Math.min(Math.min(2, window.devicePixelRatio || 1), MAX_OUTPUT_WIDTH / region.width);
  const output = document.createElement('canvas');
  // Video encoders want even dimensions.
  output.width = Math.max(2, Math.round((region.width * scale) / 2) * 2);
  output.height = Math.max(2, Math.round((region.height * scale) / 2) * 2);
  const dockCanvas = document.createElement('canvas');
  dockCanvas.width = output.width;
  dockCanvas.height = output.height;

  let recorder: MediaRecorder;
  try {
    const stream = output.captureStream(RECORDING_FPS);
    const mimeType = webmMimeType((type) => MediaRecorder.isTypeSupported(type));
    recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 6_000_000 });
  } catch (error) {
    notice({ text: `Recording could not start: ${(error as Error).message}`, tone: 'error' });
    return false;
  }
  const chunks: Blob[] = [];
  let resolveStopped: (blob: Blob) => void = () => {};
  const stopped = new Promise<Blob>((resolve) => (resolveStopped = resolve));
  const current: Session = {
    recorder,
    chunks,
    bytes: 0,
    frame: 0,
    dockCanvas,
    dockPaintedAt: -Infinity,
    stopped,
  };
  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    chunks.push(event.data);
    current.bytes += event.data.size;
    useRecordingStore.getState().set({ bytes: current.bytes });
    if (current.bytes > MAX_BYTES) {
      notice({ text: 'The recording reached its size limit and stopped.', tone: 'warning' });
      void stopRecording();
    }
  };
  recorder.onstop = () => resolveStopped(new Blob(chunks, { type: 'video/webm' }));

  const paint = (now: number) => {
    if (session !== current) return;
    // The window may have been resized: the picture keeps its size and shows the region as it is now.
    drawFrame(output, current, recordedRegion() ?? region, now);
    current.frame = requestAnimationFrame(paint);
  };
  drawFrame(output, current, region, performance.now());
  session = current;
  recorder.start(CHUNK_MS);
  current.frame = requestAnimationFrame(paint);
  useRecordingStore.getState().set({ status: 'recording', startedAtMs: Date.now(), bytes: 0 });
  return true;
}

/** "Checkout v2 — recording.webm" */
export function recordingFileName(title: string): string {
  return `${fileNameForTitle(title).replace(/\.bpd$/, '')} — recording.webm`;
}

/** Stops the recording and saves the video; resolves when it is saved (or the save was refused). */
export async function stopRecording(): Promise<void> {
  const current = session;
  if (!current) return;
  session = null;
  cancelAnimationFrame(current.frame);
  useRecordingStore.getState().set({ status: 'saving' });
  if (current.recorder.state !== 'inactive') current.recorder.stop();
  current.recorder.stream.getTracks().forEach((track) => track.stop());
  const blob = await current.stopped;
  const notice = useUiStore.getState().showNotice;
  try {
    if (blob.size === 0) {
      notice({ text: 'The recording is empty: nothing was saved.', tone: 'warning' });
      return;
    }
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const saved = await getDesktopApi().exportFile(
      'webm',
      bytes,
      recordingFileName(useDesignStore.getState().design.meta.title),
    );
    if (saved.status === 'failed')
      notice({ text: `The recording was not saved: ${saved.message}`, tone: 'error' });
    else if (saved.status === 'saved') notice({ text: `Recording saved: ${saved.file.name}`, tone: 'info' });
  } finally {
    useRecordingStore.getState().set({ status: 'idle', startedAtMs: null, bytes: 0 });
  }
}

export function toggleRecording(): Promise<void> | void {
  if (session) return stopRecording();
  startRecording();
}

export const isRecording = (): boolean => session !== null;
