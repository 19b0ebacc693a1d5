/* Runs left unfinished (a crash, a kill, a stop): finding them, and reading back what their
 * unsettled items became before a run is continued. Whether an owner still drives its run is
 * run-claim.ts's answer (process alive, heartbeat fresh). */
import { AppError } from '../../shared/errors';
import { accessError, accessProblemOf } from '../../shared/bulk/run-items';
import type { InterruptedRun, RecoveryReport } from '../../shared/bulk/types';
import type { BulkJournal, OutcomeUpdate, OwnerLiveness } from './journal/journal';
import type { BulkClient } from './ports';
import { readCurrentStates } from './state-reader';

/** Unfinished runs that nobody drives: their owner is gone, stopped or released them. */
export function interruptedRuns(journal: BulkJournal, isLive: OwnerLiveness): InterruptedRun[] {
  return journal
    .listUnfinished()
    .filter((r) => r.owner === null || !isLive(r.owner, r.id))
    .map(({ owner: _owner, ...run }) => ({ run, unknown: run.counts.pending + run.counts.inFlight, inFlight: run.counts.inFlight }));
}

/**
 * Reads the server state of every item whose outcome is unknown and records it: already at
 * the target → `changed` ("confirmed after restart") when it had been sent, else
 * `alreadyInState`; not readable → `notAccessible`; otherwise it stays pending. The caller
 * owns the run (it claimed it).
 */
export async function recoverUnsettledItems(client: BulkClient, journal: BulkJournal, runId: string, accountId: string | null, now: () => Date): Promise<RecoveryReport> {
  const unknown = journal.getItems(runId).filter((i) => i.outcome === 'pending' || i.outcome === 'inFlight');
  const report: RecoveryReport = { runId, confirmedChanged: 0, stillPending: 0, notAccessible: 0, unresolved: 0 };
  if (unknown.length === 0) return report;
  let read;
  try {
    read = await readCurrentStates(client, unknown.map((i) => i.customerId), { accountId, now });
  } catch (error) {
    if (error instanceof AppError) throw new AppError({ ...error.toData(), message: `Could not read the run's customers to recover it: ${error.message}` }, { cause: error });
    throw error;
  }
  const at = now().toISOString();
  const updates = unknown.map((item): OutcomeUpdate & { customerId: string } => {
    const current = read.found.get(item.customerId);
    if (!current) {
      report.notAccessible += 1;
      return { customerId: item.customerId, outcome: 'notAccessible', error: accessError(item.customerId, accessProblemOf(read, item.customerId)), at };
    }
    if (current.isStaging === item.targetIsStaging) {
      if (item.attempts > 0) {
        report.confirmedChanged += 1;
        return { customerId: item.customerId, outcome: 'changed', after: current.isStaging, error: null, note: 'Confirmed after restart.', at };
      }
      return { customerId: item.customerId, outcome: 'alreadyInState', after: current.isStaging, note: 'Already in the target state when the run was recovered (never sent).', at };
    }
    report.stillPending += 1;
    return { customerId: item.customerId, outcome: 'pending', after: current.isStaging, at };
  });
  journal.recordOutcomes(runId, updates);
  return report;
}
