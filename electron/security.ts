// Hardening per the Electron security checklist: the app is served from its own `app://` scheme
// (not file://) with a strict Content-Security-Policy header, navigation and new windows are
// denied, permission requests are refused, and IPC is accepted only from the app's own top frame.
import {
  app,
  protocol,
  session,
  shell,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { isAllowedExternalUrl } from '../shared/platform/payloads';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { isAppPage, isInterviewerWindowUrl, isTrustedSenderFacts } from './ipcGuard';
import mimeTypes from '../shared/platform/mimeTypes.json';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/** Content types of the files the app serves itself (shared with the browser build's server). */
const MIME: Record<string, string> = mimeTypes;

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves dist/renderer under app://bundle/ with the CSP header; nothing outside that folder. */
export function serveRenderer(rendererDirectory: string): void {
  const root = normalize(rendererDirectory + sep);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (url.host !== APP_HOST || !file.startsWith(root)) return new Response('forbidden', { status: 403 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** Where the renderer is loaded from: the built app, or the Vite dev server in `npm run dev` setups. */
export const rendererUrl = () => process.env.BACKPRESSURE_DEV_URL ?? APP_URL;

/** IPC is answered only for the app's own page in its top frame, from our window. */
export function isTrustedSender(
  event: IpcMainInvokeEvent | IpcMainEvent,
  window: WebContents | null,
): boolean {
  const frame = event.senderFrame;
  return isTrustedSenderFacts(
    {
      fromOurWindow: window !== null && event.sender === window,
      topFrame: frame ? frame.parent === null : null,
      frameUrl: frame?.url ?? null,
    },
    APP_ORIGIN,
    process.env.BACKPRESSURE_DEV_URL,
  );
}

export function hardenSessions(): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  appSession.setPermissionCheckHandler(() => false);
  // The CSP also as a header for anything not served by our protocol (the dev server).
  appSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  app.on('web-contents-created', (_event, contents) => {
    // The app never navigates: a reload of its own page is fine, anything else is refused.
    contents.on('will-navigate', (event, url) => {
      if (url !== contents.getURL() || !isAppPage(url, APP_ORIGIN, process.env.BACKPRESSURE_DEV_URL))
        event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // The interviewer's own window: the app page itself, as a second window that inherits this
      // one's locked-down webPreferences (sandbox, context isolation, the same preload).
      if (isInterviewerWindowUrl(url, APP_ORIGIN, process.env.BACKPRESSURE_DEV_URL))
        return {
          action: 'allow',
          overrideBrowserWindowOptions: {
            width: 1000,
            height: 800,
            title: 'Interviewer',
            autoHideMenuBar: true,
          },
        };
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
