/* Drives a live bulk run (apply, undo, resume) from the terminal: progress on stderr,
 * Ctrl-C = cancel (requests already sent settle and are journalled; the run ends
 * `cancelled`), a session ended by the server = cancel too (a script cannot sign in again),
 * then the result as the documented apply document and the exit code. */
import type { RunDetail, RunItem, RunSummary, TargetState } from '../shared/bulk/types';
import { describeRouting } from '../shared/bulk/counts';
import { breadcrumbText } from '../shared/bulk/plan-logic';
import type { RunHandle } from '../main/bulk/bulk-staging-service';
import type { CliContext } from './context';
import { CliError, EXIT } from './exit-codes';
import { formatDuration, table } from './output';
import { progressView, runDetail } from './progress';
import { onInterrupt } from './signals';

/** `staging apply --json` (also runs undo/resume): the documented shape. */
export interface RunDocument {
  runId: string | null;
  kind?: string;
  status?: string;
  target: TargetState;
  counts: { planned: number; changed: number; alreadyInState: number; failed: number; skipped: number; notAccessible: number; cancelled: number };
  items: { id: string; name: string; before: string | null; after: string | null; outcome: string; attempts: number; error: { kind: string; message: string } | null }[];
}

const routingWord = (isStaging: boolean | null) => (isStaging === null ? null : describeRouting(isStaging));

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

export function itemsTable(ctx: CliContext, items: readonly RunItem[]): string {
  const c = ctx.out.c;
  const paint = (t: string, i: RunItem) =>
    i.outcome === 'changed' ? c.green(t) : i.outcome === 'failed' ? c.red(t) : i.outcome === 'cancelled' || i.outcome === 'notAccessible' ? c.yellow(t) : t;
  return table(
    items,
    [
      { header: 'ID', value: (i) => i.customerId },
      { header: 'NAME', value: (i) => i.name },
      { header: 'BEFORE', value: (i) => describeRouting(i.before) },
      { header: 'AFTER', value: (i) => describeRouting(i.after) },
      { header: 'OUTCOME', value: (i) => i.outcome, paint },
      { header: 'TRIES', value: (i) => String(i.attempts), right: true },
      { header: 'PATH / ERROR', value: (i) => (i.error ? i.error.message : breadcrumbText(i.breadcrumb)) },
    ],
    c,
  );
}

/** Waits for the run with progress and Ctrl-C handling; prints the result; throws CliError for exit codes ≠ 0. */
export async function driveRun(ctx: CliContext, handle: RunHandle, label: string): Promise<RunDetail> {
  const { out } = ctx;
  const view = progressView(out, label);
  // A session the server ends mid-run: the engine holds new requests and puts the ones that
  // were in flight back to pending (a 401 wrote nothing). Once none is in flight the journal is
  // complete, and the run is left for `runs resume` after `login` (a script cannot sign in).
  let sessionEnded = false;
  let leaveForResume: () => void = () => {};
  const leftForResume = new Promise<'left'>((resolve) => (leaveForResume = () => resolve('left')));
  const checkLeave = () => {
    if (sessionEnded && handle.progress().counts.inFlight === 0) leaveForResume();
  };
  const offProgress = handle.onProgress((p) => {
    view.update(p.done, p.counts.total, runDetail(p));
    checkLeave();
  });
  const offSession = ctx.services.onSessionEnded(() => {
    sessionEnded = true;
    checkLeave();
  });
  const offInterrupt = onInterrupt(
    () => {
      const p = handle.progress();
      out.stderr.write(`\nCancelling run ${handle.runId}: no new requests; waiting for ${p.counts.inFlight} in flight to finish and be recorded…\n`);
      handle.cancel();
    },
    () => out.stderr.write('Already cancelling; waiting for the requests in flight (one Ctrl-C is enough).\n'),
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
  printRun(ctx, run);
  const c = run.counts;
  const tail = `Run ${run.id}: ${c.changed} changed, ${c.alreadyInState} already ${run.target}, ${c.failed} failed, ${c.notAccessible} not accessible${c.skipped ? `, ${c.skipped} skipped` : ''}${c.cancelled ? `, ${c.cancelled} not applied (cancelled)` : ''}${c.pending ? `, ${c.pending} not sent yet` : ''}; ${formatDuration(run.durationMs)}.`;
  if (summary === 'left') {
    throw new CliError(
      `The server ended the session during the run; it stopped with nothing in flight and every outcome journalled. ${tail} Sign in again (evo-console login), then continue it: evo-console runs resume ${run.id}`,
      EXIT.signInRequired,
      { runId: run.id },
    );
  }
  if (summary.status === 'cancelled') {
    throw new CliError(`Cancelled. ${tail} The journal has every item; see evo-console runs show ${run.id}.`, EXIT.cancelled, { runId: run.id });
  }
  if (c.failed > 0) {
    throw new CliError(`Partly failed. ${tail} Details: evo-console runs show ${run.id}.`, EXIT.partialFailure, { runId: run.id });
  }
  out.note(tail);
  return run;
}

function printRun(ctx: CliContext, run: RunDetail): void {
  ctx.out.result(runDocument(run), () => {
    const interesting = run.items.filter((i) => i.outcome !== 'changed' && i.outcome !== 'alreadyInState');
    const changed = run.items.filter((i) => i.outcome === 'changed');
    ctx.out.line(`${changed.length} customer${changed.length === 1 ? '' : 's'} now on ${run.target}.`);
    if (interesting.length > 0) {
      ctx.out.line('');
      ctx.out.line(itemsTable(ctx, interesting));
    }
  });
}
