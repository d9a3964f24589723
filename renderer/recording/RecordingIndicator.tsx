// The recording indicator: a red dot, "REC", the elapsed time and a Stop button, pinned to the
// top of the canvas while a recording runs ("Saving…" while the video is handed over). It is
// outside the recorded region's drawing (the video shows the canvas and dock, not this pill).
import { useEffect, useState } from 'react';
import { useRecordingStore } from './recordingStore';
import { stopRecording } from './recorder';
import './recording.css';

/** "0:07", "1:02:09": wall-clock time as a recording app shows it. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function RecordingIndicator() {
  const status = useRecordingStore((state) => state.status);
  const startedAtMs = useRecordingStore((state) => state.startedAtMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status !== 'recording') return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [status]);
  if (status === 'idle') return null;
  const elapsed = formatElapsed(startedAtMs === null ? 0 : Math.max(0, now - startedAtMs));
  return (
    <div
      className="recording-indicator"
      role="status"
      data-testid="recording-indicator"
      data-status={status}
      aria-label={status === 'recording' ? `Recording, ${elapsed}` : 'Saving the recording'}
    >
      <span className="recording-dot" aria-hidden="true" />
      {status === 'recording' ? (
        <>
          <span className="recording-label">REC</span>
          <time className="recording-time" data-testid="recording-time">
            {elapsed}
          </time>
          <button
            type="button"
            className="recording-stop"
            data-testid="recording-stop"
            title="Stop recording and save the video"
            onClick={() => void stopRecording()}
          >
            <span className="recording-stop-square" aria-hidden="true" />
            Stop
          </button>
        </>
      ) : (
        <span className="recording-label">Saving the recording…</span>
      )}
    </div>
  );
}
