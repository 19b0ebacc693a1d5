/* Drives a live bulk run (apply, undo, retry, resume) from the terminal: progress on stderr
 * counting only the customers this command still has to settle, Ctrl-C = cancel (requests
 * already sent settle and are journalled; the run ends `cancelled`), a session ended by the
 * server = stop too (a script cannot sign in again), then one summary, the table of the items
 * that need attention, and the exit code. Outcomes are shown in plain words. */
import type { OutcomeCounts, RunDetail, RunItem, RunSummary, TargetState } from '../shared/bulk/types';
import { routingOf, targetWords } from '../shared/routing-words';
import { baselineOfProgress, toChangeProgress } from '../shared/bulk/to-change-progress';
import { emptyCounts, isStagingToTarget, targetToIsStaging } from '../shared/bulk/counts';
import type { AppErrorData } from '../shared/errors';
import { formatDuration, plural } from '../shared/format';
import type { RunHandle } from '../main/bulk/run-launcher';
import type { CliContext } from './context';
import { CliError, EXIT, exitCodeForKind } from './exit-codes';
import { pathText, table } from './output';
import { progressView, runDetail } from './progress';
import { onInterrupt } from './signals';
import { terminalSafe } from './terminal-text';

/** `staging apply --json` (also runs undo/retry/resume): the documented shape. */
export interface RunDocument {
  runId: string | null;
  kind?: string;
  status?: string;
  target: TargetState;
  counts: { planned: number; changed: number; alreadyInState: number; failed: number; skipped: number; notAccessible: number; cancelled: number };
  items: { id: string; name: string; before: string | null; after: string | null; outcome: string; attempts: number; error: { kind: string; message: string } | null }[];
}

const routingWord = (isStaging: boolean | null) => (isStaging === null ? null : isStagingToTarget(isStaging));

export function runDocument(run: RunDetail): RunDocument {
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    target: run.target,
    counts: {
      planned: run.counts.total,
      changed: run.counts.changed,
      alreadyInState: run.counts.alreadyInState,
      failed: run.counts.failed,
      skipped: run.counts.skipped,
      notAccessible: run.counts.notAccessible,
      cancelled: run.counts.cancelled,
    },
    items: run.items.map((i) => ({
      id: i.customerId,
      name: i.name,
      before: routingWord(i.before),
      after: routingWord(i.after),
      outcome: i.outcome,
      attempts: i.attempts,
      error: i.error ? { kind: i.error.kind, message: i.error.message } : null,
    })),
  };
}

/** An item's outcome as a person says it. */
export function outcomeText(item: RunItem): string {
  switch (item.outcome) {
    case 'alreadyInState':
      return `already ${routingOf(item.targetIsStaging)}`;
    case 'notAccessible':
      return 'not accessible';
    case 'cancelled':
      return item.attempts === 0 ? 'not sent (cancelled)' : 'stopped (cancelled)';
    case 'skipped':
      return 'skipped (changed since)';
    case 'pending':
      return 'not settled yet';
    case 'inFlight':
      return 'sent, no answer recorded';
    default:
      return item.outcome;
  }
}

/** Routing after the run: as observed, or — for an item never sent — as it was before. */
const afterText = (item: RunItem) => routingOf(item.after ?? (item.attempts === 0 ? item.before : null));

/** "ServerError, HTTP 500: Customer … could not be changed: <server message>" — never cut. */
export const errorText = (error: AppErrorData) => `${error.kind}${error.status !== undefined ? `, HTTP ${error.status}` : ''}: ${error.message}`;

export function itemsTable(ctx: CliContext, items: readonly RunItem[]): string {
  const c = ctx.out.c;
  const paint = (t: string, i: RunItem) =>
    i.outcome === 'changed' ? c.green(t) : i.outcome === 'failed' ? c.red(t) : i.outcome === 'cancelled' || i.outcome === 'notAccessible' ? c.yellow(t) : t;
  return table(
    items,
    [
      { header: 'ID', value: (i) => i.customerId },
      { header: 'NAME', value: (i) => i.name },
      { header: 'BEFORE', value: (i) => routingOf(i.before) },
      { header: 'AFTER', value: afterText },
      { header: 'OUTCOME', value: outcomeText, paint },
      { header: 'TRIES', value: (i) => String(i.attempts), right: true },
      { header: 'PATH', value: (i) => pathText(i.breadcrumb.map((b) => b.name || b.id)) },
    ],
    c,
  );
}

/** Each item's error in full (status and server message), one line each, below a table. */
export function errorLines(items: readonly RunItem[]): string[] {
  return items.filter((i) => i.error).map((i) => `${terminalSafe(`${i.customerId} ${i.name}`)}: ${terminalSafe(errorText(i.error as AppErrorData))}`);
}

/** One line: what the run did, in the words of its outcome counts. */
export function runSummary(run: RunDetail, start: OutcomeCounts = emptyCounts()): string {
  const c = run.counts;
  const since = (key: keyof OutcomeCounts) => c[key] - start[key];
  const sent = run.items.filter((i) => i.attempts > 0).length;
  const parts = [`${plural(since('changed'), 'customer')} changed to ${targetWords(run.target)}`];
  if (c.alreadyInState) parts.push(`${c.alreadyInState} already on ${targetWords(run.target)}`);
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.notAccessible) parts.push(`${c.notAccessible} not accessible`);
  if (c.skipped) parts.push(`${c.skipped} left alone (changed since)`);
  if (c.cancelled) parts.push(`${c.cancelled} not sent (unchanged: still ${routingOf(!targetToIsStaging(run.target))})`);
  if (c.pending + c.inFlight) parts.push(`${c.pending + c.inFlight} not settled yet`);
  const head = run.status === 'cancelled' ? `Cancelled run ${run.id} after ${plural(sent, 'customer')} sent` : `Run ${run.id}`;
  return `${head}: ${parts.join(', ')}; ${formatDuration(run.durationMs)}.`;
}

/** Waits for the run with progress and Ctrl-C handling; prints the result; throws CliError for exit codes ≠ 0. */
export async function driveRun(ctx: CliContext, handle: RunHandle, label: string): Promise<RunDetail> {
  const { out } = ctx;
  // Progress counts this command's work: what was settled when it took the run over is not.
  const start = handle.progress();
  const baseline = baselineOfProgress(start);
  const view = progressView(out, label);
  // A session the server ends mid-run: the engine holds new requests and puts the ones that
  // were in flight back to pending (a 401 wrote nothing). Once none is in flight the journal is
  // complete, and the run is left for `runs continue` after `login` (a script cannot sign in).
  let sessionEnded = false;
  let leaveForResume: () => void = () => {};
  const leftForResume = new Promise<'left'>((resolve) => (leaveForResume = () => resolve('left')));
  const checkLeave = () => {
    if (sessionEnded && handle.progress().counts.inFlight === 0) leaveForResume();
  };
  const offProgress = handle.onProgress((p) => {
    const { done, total } = toChangeProgress(p, baseline);
    view.update(done, total, runDetail(p, start.counts));
    checkLeave();
  });
  const offSession = ctx.services.onSessionEnded(() => {
    sessionEnded = true;
    checkLeave();
  });
  const offInterrupt = onInterrupt(
    () => {
      const inFlight = handle.progress().counts.inFlight;
      view.log(`Cancelling run ${handle.runId}: no new requests; waiting for ${plural(inFlight, 'request')} in flight to finish and be recorded…`);
      handle.cancel();
    },
    () => view.log('Already cancelling; waiting for the requests in flight (one Ctrl-C is enough).'),
  );
  let summary: RunSummary | 'left';
  try {
    summary = await Promise.race([handle.done, leftForResume]);
  } finally {
    view.stop();
    offProgress();
    offSession();
    offInterrupt();
  }
  const run = ctx.services.bulk().getRun(handle.runId);
  if (!run) throw new CliError(`Run ${handle.runId} is missing from the journal.`, EXIT.unexpected);
  printRun(ctx, run, start.counts);
  if (summary === 'left') {
    throw new CliError(
      `The server ended the session during run ${run.id}; it stopped with nothing in flight and every outcome journalled. Sign in again (evo-console login), then continue it: evo-console runs continue ${run.id}`,
      EXIT.signInRequired,
      { runId: run.id },
    );
  }
  if (summary.problem) {
    throw new CliError(`${summary.problem.message} Continue it later: evo-console runs continue ${run.id}`, exitCodeForKind(summary.problem.kind), { runId: run.id });
  }
  if (summary.status === 'cancelled') {
    throw new CliError(`Cancelled. The journal has every item: evo-console runs show ${run.id}`, EXIT.cancelled, { runId: run.id });
  }
  if (run.counts.failed > 0) {
    throw new CliError(`Partly failed: ${plural(run.counts.failed, 'customer')} could not be changed. Details: evo-console runs show ${run.id}; try them again: evo-console runs retry ${run.id}`, EXIT.partialFailure, {
      runId: run.id,
    });
  }
  return run;
}

/** The run document (--json), or the summary and the items that need attention. Never-sent items are counted, not listed. */
function printRun(ctx: CliContext, run: RunDetail, start: OutcomeCounts): void {
  ctx.out.result(runDocument(run), () => {
    ctx.out.line(runSummary(run, start));
    const attention = run.items.filter((i) => i.outcome === 'failed' || i.outcome === 'notAccessible' || i.outcome === 'skipped' || i.outcome === 'pending' || i.outcome === 'inFlight');
    if (attention.length === 0) return;
    ctx.out.line('');
    ctx.out.line(itemsTable(ctx, attention));
    const errors = errorLines(attention);
    if (errors.length > 0) {
      ctx.out.line('');
      for (const line of errors) ctx.out.line(line);
    }
  });
}
