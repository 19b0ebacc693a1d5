/* Server address rules, shared by the sign-in form (renderer), the session service and
 * the API client, so every process refuses the same addresses with the same words.
 * Pure: only the WHATWG URL class, which every process has. */
import type { AppErrorData } from './errors';

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; error: AppErrorData };

export const INSECURE_URL_MESSAGE =
  'Evo Voice must be reached over https; http is only allowed for a local sandbox (127.0.0.1 / localhost).';

/** Trim and drop trailing slashes. Adds nothing (no scheme guessing): what the user typed is what we check. */
export function normaliseServerUrl(input: string): string {
  return input.trim().replace(/\/+$/, '');
}

/** 127.0.0.0/8, localhost and [::1] — the only hosts allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function invalid(message: string): ServerUrlCheck {
  return { ok: false, error: { kind: 'InvalidInput', message } };
}

/**
 * Accepts an https URL (any host) or an http URL on a loopback host. Returns the
 * canonical base URL (scheme + host + optional path, no trailing slash, no query).
 */
export function checkServerUrl(url: string): ServerUrlCheck {
  const text = normaliseServerUrl(url);
  if (text === '') return invalid('Enter the Evo Voice server address, for example https://evovoice.io.');
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return invalid(`"${text}" is not a web address. Enter it with its scheme, for example https://evovoice.io.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return invalid(`Only https:// addresses are supported (got "${parsed.protocol}"). Example: https://evovoice.io.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // A password in the address would end up in settings files and logs.
    return invalid('Do not put a user name or password in the server address; sign in with the form instead.');
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return invalid('The server address must not contain "?" or "#" parts. Example: https://evovoice.io.');
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return { ok: false, error: { kind: 'InsecureUrl', message: INSECURE_URL_MESSAGE } };
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${parsed.protocol}//${parsed.host}${path}` };
}
