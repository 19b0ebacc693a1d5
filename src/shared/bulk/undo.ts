/* Which customers an undo sets back, and which a retry takes over. Pure. */
import { isStagingToTarget } from './counts';
import { accessError, accessProblemOf, type FreshRead, type NewRunItem } from './run-items';
import { isAmbiguousKind } from './verify';
import type { RunItem, RunRecord } from './types';

/** An item sent whose outcome is unknown: its last answer could not be read, nor the customer read back. */
const unknownAfterSending = (i: RunItem): boolean => i.outcome === 'failed' && i.attempts > 0 && i.after === null && i.error !== null && isAmbiguousKind(i.error.kind);

/** Items an undo considers: those the run changed (or may have changed: sent, outcome unknown), with a known `before`. */
export const undoCandidates = (items: readonly RunItem[]): RunItem[] =>
  items.filter((i) => i.before !== null && i.before !== i.targetIsStaging && (i.outcome === 'changed' || unknownAfterSending(i)));

/**
 * The undo run's items, from a fresh read of the candidates: still as the run left them → set
 * back to `before`; changed since by someone else → skipped and left alone; not readable → not
 * accessible.
 */
export function undoRunItems(items: readonly RunItem[], read: FreshRead): NewRunItem[] {
  return undoCandidates(items).map((item): NewRunItem => {
    const target = item.before as boolean;
    const subject = { customerId: item.customerId, name: read.found.get(item.customerId)?.name || item.name, breadcrumb: item.breadcrumb };
    const now = read.found.get(item.customerId)?.isStaging;
    if (now === undefined) return { ...subject, before: null, targetIsStaging: target, outcome: 'notAccessible', error: accessError(item.customerId, accessProblemOf(read, item.customerId)) };
    if (now === item.targetIsStaging) return { ...subject, before: now, targetIsStaging: target, outcome: 'pending' };
    if (item.outcome !== 'changed') return { ...subject, before: now, targetIsStaging: target, after: now, outcome: 'alreadyInState', note: "The run's change had not landed; nothing to set back." };
    return { ...subject, before: now, targetIsStaging: target, after: now, outcome: 'skipped', note: `Changed since by someone else (now ${isStagingToTarget(now)}); left alone.` };
  });
}

/** Items a retryFailed run takes over. */
export const failedItems = (items: readonly RunItem[]): RunItem[] => items.filter((i) => i.outcome === 'failed');

/** Whether `run` undid another run (a cancelled undo does not count: that run can be undone again). */
const undid = (run: RunRecord): run is RunRecord & { parentRunId: string } => run.kind === 'undo' && run.parentRunId !== null && run.status !== 'cancelled';

/** The undo run that undid `runId`, if any. */
export const undoOf = (runs: readonly RunRecord[], runId: string): RunRecord | undefined => runs.find((r) => undid(r) && r.parentRunId === runId);

/** Run id → the undo run that undid it. */
export function undoneBy(runs: readonly RunRecord[]): Map<string, RunRecord> {
  const map = new Map<string, RunRecord>();
  for (const run of runs) if (undid(run) && !map.has(run.parentRunId)) map.set(run.parentRunId, run);
  return map;
}

/** Whether a run can be undone now: it changed someone, it is over, and nothing undid it yet. */
export const canUndo = (run: RunRecord, undone: ReadonlyMap<string, RunRecord>): boolean =>
  run.kind !== 'undo' && run.status !== 'running' && run.counts.changed > 0 && !undone.has(run.id);
