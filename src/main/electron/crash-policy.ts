/* What to do when the window's renderer dies. A crash mid-work is worth a reload (the session,
 * the offline copy and any running bulk change live in main and carry on; the page re-reads
 * them). A page that crashes as it loads would reload forever, so: at most MAX reloads within
 * the window of time, then an error page that says what happened and what to do. A clean exit
 * (the window closing) is not a crash. Pure, so it is tested without Electron. */

export type CrashAction = 'reload' | 'errorPage' | 'ignore';

export interface CrashPolicyOptions {
  maxReloads?: number;
  windowMs?: number;
  now?: () => number;
}

export const DEFAULT_MAX_CRASH_RELOADS = 3;
const DEFAULT_WINDOW_MS = 2 * 60_000;

export function createCrashPolicy({ maxReloads = DEFAULT_MAX_CRASH_RELOADS, windowMs = DEFAULT_WINDOW_MS, now = Date.now }: CrashPolicyOptions = {}) {
  let crashes: number[] = [];
  return (reason: string): CrashAction => {
    if (reason === 'clean-exit') return 'ignore';
    const at = now();
    crashes = [...crashes.filter((t) => at - t < windowMs), at];
    return crashes.length <= maxReloads ? 'reload' : 'errorPage';
  };
}

/** The page shown instead of a renderer that keeps crashing: static (no script), so it cannot crash. */
export function crashPageUrl(crashCount: number): string {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evo Voice Console</title>
<style>body{font:15px system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#1a202c;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e2e8f0;background:#111}}h1{font-size:1.3em}</style></head><body>
<h1>The console window stopped working</h1>
<p>Its page crashed ${crashCount} times in a short while, so it is not reloaded again.</p>
<p>Your session, the offline copy and any bulk change that was running are kept: they live outside this window.
Quit the app and start it again. If this happens again, report it with the time it happened.</p>
</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
