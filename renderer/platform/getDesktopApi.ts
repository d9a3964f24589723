// Which DesktopApi this renderer talks to: the one Electron's preload exposed, or the browser's.
import type { DesktopApi } from '../../shared/platform/desktopApi';
import { browserApi } from './browserApi';

declare global {
  interface Window {
    /** Set by electron/preload.ts through contextBridge; absent in a plain browser. */
    backpressureDesktop?: DesktopApi;
  }
}

export function getDesktopApi(): DesktopApi {
  return window.backpressureDesktop ?? browserApi;
}
