/* Pure rules for where the app may go. Kept free of Electron so they are tested as
 * plain functions; ./hardening.ts wires them to webContents events. */

/** Only https links leave the app, opened in the user's browser, and only well-formed
 * ones: no credentials in the URL (phishing), no control characters, bounded length. */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
}

/** The dev server origin (electron-vite dev sets ELECTRON_RENDERER_URL), only if it is
 * plain http on a loopback address; anything else is ignored so an environment variable
 * cannot point the app at a remote page. */
export function devRendererOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (url.protocol !== 'http:' || !loopback) return null;
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
