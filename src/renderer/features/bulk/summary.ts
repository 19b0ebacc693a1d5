/* A run's results screen data from its journalled detail (runs:get), so the results of a
 * finished, resumed or historical run all read the same way. */
import type { RunDetail, RunSummary } from '../../../shared/bulk/types';

export function summaryOf(run: RunDetail): RunSummary {
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    counts: run.counts,
    durationMs: run.durationMs,
    failed: run.items.filter((i) => i.outcome === 'failed').map((i) => ({ customerId: i.customerId, name: i.name, error: i.error })),
    skipped: run.items.filter((i) => i.outcome === 'skipped').map((i) => ({ customerId: i.customerId, name: i.name, note: i.note })),
  };
}
