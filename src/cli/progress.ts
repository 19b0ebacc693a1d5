/* Progress on stderr. On a terminal: a bar (done/total, rate, ETA) redrawn in place. Without
 * one (CI logs, pipes, tests): a plain line whenever the count moves, at most a few per
 * second, so logs stay readable and a watcher can tell how far a run got. --quiet: nothing. */
import cliProgress from 'cli-progress';
import type { RunProgress } from '../shared/bulk/types';
import { formatDuration, type Output } from './output';

export interface ProgressView {
  /** done of total, with an extra text (rate, ETA, counts). */
  update(done: number, total: number | null, detail: string): void;
  stop(): void;
}

const LINE_INTERVAL_MS = 250;

export function progressView(out: Output, label: string): ProgressView {
  if (out.quiet) return { update: () => {}, stop: () => {} };
  if (out.stderrIsTTY) {
    // Unknown total (e.g. while resolving a subtree): a counter without a bar.
    let bar: cliProgress.SingleBar | undefined;
    const make = (withBar: boolean) =>
      new cliProgress.SingleBar(
        { stream: out.stderr, format: withBar ? `${label} {bar} {value}/{total} {detail}` : `${label}: {value} {detail}`, hideCursor: true, clearOnComplete: false, barsize: 30 },
        cliProgress.Presets.shades_classic,
      );
    let started = false;
    return {
      update(done, total, detail) {
        if (!started) {
          bar = make(total !== null);
          bar.start(total ?? Math.max(done, 1), done, { detail });
          started = true;
        }
        if (total !== null) bar?.setTotal(total);
        bar?.update(done, { detail });
      },
      stop() {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let last = { at: 0, done: -1 };
  let pending: { done: number; total: number | null; detail: string } | null = null;
  const print = (p: { done: number; total: number | null; detail: string }) => {
    out.stderr.write(`${label}: ${p.done}${p.total === null ? '' : `/${p.total}`} ${p.detail}\n`);
    last = { at: Date.now(), done: p.done };
    pending = null;
  };
  return {
    update(done, total, detail) {
      if (done === last.done) return;
      pending = { done, total, detail };
      if (Date.now() - last.at >= LINE_INTERVAL_MS) print(pending);
    },
    stop() {
      if (pending) print(pending);
    },
  };
}

/** "done · 4.2/s · ETA 12 s · changed 10, failed 1". */
export function runDetail(p: RunProgress): string {
  const parts = [`done`];
  if (p.ratePerSecond > 0) parts.push(`${p.ratePerSecond.toFixed(1)}/s`);
  if (p.etaMs !== null && p.remaining > 0) parts.push(`ETA ${formatDuration(p.etaMs)}`);
  const c = p.counts;
  const counts = [`changed ${c.changed}`, `already ${c.alreadyInState}`];
  if (c.failed) counts.push(`failed ${c.failed}`);
  if (c.notAccessible) counts.push(`not accessible ${c.notAccessible}`);
  if (c.cancelled) counts.push(`cancelled ${c.cancelled}`);
  const state = p.state === 'running' ? '' : ` [${p.state}]`;
  return `${parts.join(' · ')} · ${counts.join(', ')}${state}`;
}
