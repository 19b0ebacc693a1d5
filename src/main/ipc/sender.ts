/* Who may call the router. Any code that ends up running in a renderer — a compromised
 * page, an injected iframe, a page we navigated to by mistake — can reach ipcRenderer's
 * channels, so main checks each call's sender instead of trusting the channel name:
 * it must be the main frame of OUR window, showing OUR origin. */

export interface IpcSender {
  /** webContents id of the sending page. */
  contentsId: number;
  /** URL of the frame that sent the message. */
  frameUrl: string;
  /** Whether that frame is its page's main (top) frame. */
  isMainFrame: boolean;
}

/** Returns null when the sender is trusted, otherwise the reason (safe to log). */
export type SenderCheck = (sender: IpcSender) => string | null;

/** `scheme://host[:port]` of a URL. We do not use URL.origin: it is "null" for custom
 * schemes such as app:// in Node's WHATWG URL. Returns null for unparsable URLs. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export interface SenderPolicy {
  /** Origins our renderer is served from, e.g. "app://console" (or the dev server's loopback origin). */
  allowedOrigins: readonly string[];
  /** Whether a webContents id is one of our app windows. */
  isOurContents(contentsId: number): boolean;
}

export function createSenderCheck(policy: SenderPolicy): SenderCheck {
  const allowed = new Set(policy.allowedOrigins);
  return (sender) => {
    if (!policy.isOurContents(sender.contentsId)) return 'sender is not an app window';
    if (!sender.isMainFrame) return 'sender is a subframe';
    const origin = originOf(sender.frameUrl);
    if (origin === null || !allowed.has(origin)) return `sender origin ${origin ?? '(invalid)'} is not the app's`;
    return null;
  };
}
