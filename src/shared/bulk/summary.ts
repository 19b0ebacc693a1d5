/* How a run ended and where a run stands, from its journalled record: the one place that
 * turns a record into a summary or a progress for the app, the CLI and the engine. Pure. */
import type { AppErrorData } from '../errors';
import { doneOf } from './counts';
import type { RunDetail, RunProgress, RunRecord, RunSummary } from './types';

export function summaryOf(run: Pick<RunDetail, 'id' | 'kind' | 'status' | 'counts' | 'durationMs' | 'items'>, problem: AppErrorData | null = null): RunSummary {
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    problem,
    counts: run.counts,
    durationMs: run.durationMs,
    failed: run.items.filter((i) => i.outcome === 'failed').map((i) => ({ customerId: i.customerId, name: i.name, error: i.error })),
    skipped: run.items.filter((i) => i.outcome === 'skipped').map((i) => ({ customerId: i.customerId, name: i.name, note: i.note })),
  };
}

/** The final progress of a run that no process is driving; null while it is unfinished
 *  (an interrupted run is offered by findInterrupted instead). */
export function progressFromRecord(run: RunRecord): RunProgress | null {
  if (run.status === 'running') return null;
  return {
    runId: run.id,
    state: run.status,
    counts: run.counts,
    done: doneOf(run.counts),
    remaining: run.counts.pending + run.counts.inFlight,
    ratePerSecond: 0,
    etaMs: 0,
    requestRate: null,
    problem: null,
    at: run.endedAt ?? run.createdAt,
  };
}
