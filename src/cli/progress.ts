/* Progress on stderr. On a terminal: a bar (done/total, rate, ETA) redrawn in place, with
 * messages printed above it (never over it). Without one (CI logs, pipes, tests): a plain line
 * every 5 s or every 10 % of the total, whichever comes first, and a last one at the end, so
 * logs stay short and a watcher can tell how far a run got. --quiet: nothing. */
import cliProgress from 'cli-progress';
import { formatDuration } from '../shared/format';
import type { OutcomeCounts, RunProgress } from '../shared/bulk/types';
import { describeRequestRate } from '../shared/request-rate';
import type { Output } from './output';

export interface ProgressView {
  /** done of total (null: not known yet), with an extra text (rate, ETA, counts). */
  update(done: number, total: number | null, detail: string): void;
  /** A line for the person, shown above the bar. */
  log(text: string): void;
  stop(): void;
}

const LINE_EVERY_MS = 5_000;
const LINE_EVERY_SHARE = 0.1;

export function progressView(out: Output, label: string): ProgressView {
  if (out.quiet) return { update: () => {}, log: (text) => out.stderr.write(`${text}\n`), stop: () => {} };
  return out.stderrIsTTY ? barView(out, label) : lineView(out, label);
}

function barView(out: Output, label: string): ProgressView {
  const bars = new cliProgress.MultiBar({ stream: out.stderr, hideCursor: true, clearOnComplete: false, barsize: 30, autopadding: true }, cliProgress.Presets.shades_classic);
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  return {
    update(done, total, detail) {
      if (stopped) return;
      // Unknown total (e.g. while reading a subtree): a counter without a bar.
      bar ??= bars.create(total ?? Math.max(done, 1), done, { detail }, { format: total === null ? `${label}: {value} {detail}` : `${label} {bar} {value}/{total} {detail}` });
      if (total !== null) bar.setTotal(total);
      bar.update(done, { detail });
    },
    log(text) {
      if (bar && !stopped) {
        bars.log(`${text}\n`);
        bars.update(); // now: a stop() before the next redraw would drop it
      } else out.stderr.write(`${text}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

function lineView(out: Output, label: string): ProgressView {
  let printed = { at: Date.now(), done: 0 };
  let latest: { done: number; total: number | null; detail: string } | null = null;
  const print = () => {
    if (!latest) return;
    out.stderr.write(`${label}: ${latest.done}${latest.total === null ? '' : `/${latest.total}`} ${latest.detail}\n`);
    printed = { at: Date.now(), done: latest.done };
    latest = null;
  };
  return {
    update(done, total, detail) {
      if (done === printed.done && latest === null) return;
      latest = { done, total, detail };
      const step = total === null ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(total * LINE_EVERY_SHARE));
      if (done - printed.done >= step || Date.now() - printed.at >= LINE_EVERY_MS || (total !== null && done >= total)) print();
    },
    log(text) {
      out.stderr.write(`${text}\n`);
    },
    stop() {
      print();
    },
  };
}

/** "4.2/s · ETA 12 s · changed 10, failed 1 · requests 40/s, server is throttling", counted since
 * `start` (what this command did). */
export function runDetail(p: RunProgress, start: OutcomeCounts): string {
  const parts: string[] = [];
  if (p.ratePerSecond > 0) parts.push(`${p.ratePerSecond.toFixed(1)}/s`);
  if (p.etaMs !== null && p.remaining > 0) parts.push(`ETA ${formatDuration(p.etaMs)}`);
  const since = (key: 'changed' | 'failed' | 'cancelled') => p.counts[key] - start[key];
  const counts = [`changed ${since('changed')}`];
  if (since('failed')) counts.push(`failed ${since('failed')}`);
  if (since('cancelled')) counts.push(`not sent ${since('cancelled')}`);
  parts.push(counts.join(', '));
  // The request pace only when it says something: paced, capped or throttled.
  if (p.requestRate && (p.requestRate.perSecond !== null || p.requestRate.throttled)) parts.push(`requests ${describeRequestRate(p.requestRate)}`);
  const state = p.state === 'running' || p.state === 'completed' || p.state === 'cancelled' ? '' : ` [${p.state}]`;
  return `${parts.join(' · ')}${state}`;
}
