// The checks every IPC message passes before the main process acts on it, kept free of Electron
// (only types) so they are unit-tested: the sender must be our window's top frame showing the app,
// and every argument must match its zod schema (documents: the same parseDesign that opens files).
import type { z } from 'zod';

/** What the main process knows about who sent a message. */
export interface SenderFacts {
  /** The message came from the webContents of our one window. */
  fromOurWindow: boolean;
  /** The sending frame is the top frame (not an iframe); null when the frame is already gone. */
  topFrame: boolean | null;
  /** The URL of the sending frame. */
  frameUrl: string | null;
}

/** Only the app's own pages: `app://bundle/…`, or the dev server's origin in `npm run dev` setups. */
export function isAppPage(url: string, appOrigin: string, devUrl?: string): boolean {
  if (url.startsWith(`${appOrigin}/`)) return true;
  if (!devUrl) return false;
  try {
    return url.startsWith(`${new URL(devUrl).origin}/`);
  } catch {
    return false;
  }
}

/**
 * The interviewer window (issue #12): the app's own page with only `?interviewer=<interview id>`,
 * the one `window.open` the app allows (a second window kept in sync over BroadcastChannel).
 */
export function isInterviewerWindowUrl(url: string, appOrigin: string, devUrl?: string): boolean {
  if (!isAppPage(url, appOrigin, devUrl)) return false;
  const query = url.slice(url.indexOf('?') + 1);
  return url.includes('?') && !url.includes('#') && /^interviewer=[A-Za-z0-9_.-]{1,200}$/.test(query);
}

export function isTrustedSenderFacts(sender: SenderFacts, appOrigin: string, devUrl?: string): boolean {
  return (
    sender.fromOurWindow &&
    sender.topFrame === true &&
    sender.frameUrl !== null &&
    isAppPage(sender.frameUrl, appOrigin, devUrl)
  );
}

export type ParsedArguments<Schemas extends z.ZodType[]> = { [K in keyof Schemas]: z.output<Schemas[K]> };

/**
 * Validates a call's arguments, one schema per argument (extra arguments are refused too, so a
 * renderer cannot smuggle anything past a handler). Throws an Error naming the channel and what is
 * wrong; the renderer's promise rejects with that message.
 */
export function parseIpcArguments<Schemas extends z.ZodType[]>(
  channel: string,
  schemas: [...Schemas],
  args: unknown[],
): ParsedArguments<Schemas> {
  if (args.length > schemas.length)
    throw new Error(`${channel}: expected ${schemas.length} argument(s), got ${args.length}`);
  return schemas.map((schema, index) => {
    const result = schema.safeParse(args[index]);
    if (!result.success)
      throw new Error(
        `${channel}: argument ${index + 1}: ${result.error.issues
          .slice(0, 20)
          .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
          .join('; ')}`,
      );
    return result.data;
  }) as ParsedArguments<Schemas>;
}
