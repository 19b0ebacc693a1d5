/* The app:// protocol: the renderer is served from `app://console/…`, mapped onto the
 * built renderer folder. A custom privileged scheme instead of file:// gives the page a
 * real, fixed origin (so the IPC sender check and CSP 'self' mean "our bundle"), and
 * file:// keeps extra privileges we do not want. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged before the app is ready. `standard`
 * gives it normal URL/origin semantics; `secure` makes it a secure context; `corsEnabled`
 * lets Chromium run CORS-mode fetches against it at all — Vite emits
 * `<script type="module" crossorigin>`, which is a CORS fetch even from our own origin.
 * It grants nothing to other origins: the handler sends no Access-Control-Allow-* headers.
 * No bypassCSP, no stream or service-worker privileges. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** Headers every response carries (the harness's static server sends the same). */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** Maps a request URL to a file inside `root`, or null when it must be refused: another
 * scheme or host, encoded separators, or a path that leaves the root (traversal). */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Encoded slashes/backslashes/NULs are never part of our file names.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

/** The handler given to protocol.handle(APP_SCHEME, …): a fetch-style Request → Response. */
export function createAppProtocolHandler(root: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const file = resolveAppFile(root, request.url);
    if (file === null) return new Response('Forbidden', { status: 403, headers: securityHeaders('text/plain; charset=utf-8') });
    try {
      const body = await readFile(file);
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
    }
  };
}
