/* The renderer's Content-Security-Policy. One string, sent three ways so no path is
 * unprotected: as a header by the app:// protocol handler (./protocol.ts), as a <meta> in
 * src/renderer/index.html (without frame-ancestors, see below; a unit test keeps them equal) and as a header by the
 * end-to-end harness's static server.
 *
 * - script-src 'self': only our bundled scripts; no inline script, no eval, no remote code.
 * - style-src 'self' 'unsafe-inline': Chakra UI (via emotion) injects <style> elements at
 *   runtime; without 'unsafe-inline' the UI renders unstyled. Inline STYLE cannot run
 *   code, and script-src stays strict, so this is the accepted trade-off (a nonce would
 *   need per-response HTML rewriting that a static bundle cannot carry).
 * - connect-src 'self': the renderer never talks to the network; all data comes over IPC.
 * - base-uri/form-action/frame-ancestors: no base hijack, no form posts, never framed.
 *
 * No Electron import here: the e2e harness reuses the string under plain Node. */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The <meta> form: browsers ignore (and warn about) frame-ancestors in a meta tag, so
 * it is left out there; the header (protocol handler, harness server) carries it. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
