import { describe, expect, it } from 'vitest';
import { formatElapsed } from './RecordingIndicator';
import { recordingFileName, webmMimeType } from './recorder';

describe('recording', () => {
  it('shows elapsed wall time as a recorder does', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(62_000)).toBe('1:02');
    expect(formatElapsed(3_729_000)).toBe('1:02:09');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  it('asks for VP9, then VP8, then the browser’s own WebM', () => {
    expect(webmMimeType(() => true)).toBe('video/webm;codecs=vp9');
    expect(webmMimeType((type) => type !== 'video/webm;codecs=vp9')).toBe('video/webm;codecs=vp8');
    expect(webmMimeType(() => false)).toBe('video/webm');
  });

  it('names the video after the design', () => {
    expect(recordingFileName('Checkout: v2')).toBe('Checkout v2 — recording.webm');
    expect(recordingFileName('')).toBe('Untitled design — recording.webm');
  });
});
