/* The cheap "is the server back?" probe: GET <server>/auth/status. Any HTTP answer (200, 401,
 * 500, ...) proves the server is reachable; only a failed connection or timeout counts as down.
 * Deliberately bypasses the API client: no retries, no limiter, no session, no outcome events. */
import type { Probe } from './connectivity';

export function httpProbe(baseUrl: string, options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Probe {
  const url = new URL('/auth/status', baseUrl).toString();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const fetchImpl = options.fetchImpl ?? fetch;
  return async (signal) => {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    // Drain the body so the connection can be reused or closed cleanly.
    await response.arrayBuffer().catch(() => undefined);
  };
}
