/* Starting and driving runs for one BulkStagingService: its owner token (one per service, so two
 * windows never share a claim), the journal claims and their refusals, the executions live in
 * this process, and the handles callers hold. Every run is created (or continued) by one atomic
 * claim in the journal, refused while another live process drives it or another live run works
 * on one of its customers. */
import type { ItemSettled, PlanDrift, RunKind, RunProgress, RunRecord, RunSummary } from '../../shared/bulk/types';
import { progressFromRecord } from '../../shared/bulk/summary';
import type { NewRunItem } from '../../shared/bulk/run-items';
import { RunClaimConflict, type BulkJournal, type NewRun, type OwnerLiveness } from './journal/journal';
import { claimConflictError, newRunOwner, ownerIsLive } from './run-claim';
import { RunExecution, type RunExecutionDeps } from './run-execution';
import type { RunOptions } from './run-rules';

export interface RunHandle {
  runId: string;
  kind: RunKind;
  /** start(): what changed between the plan's snapshot and the fresh read before the first write. */
  driftSincePlan: PlanDrift | null;
  onProgress(listener: (progress: RunProgress) => void): () => void;
  onItemSettled(listener: (item: ItemSettled) => void): () => void;
  progress(): RunProgress;
  pause(): void;
  unpause(): void;
  cancel(): void;
  done: Promise<RunSummary>;
}

/** What every execution needs besides the journal and the owner, which the launcher supplies. */
export type EngineDeps = Omit<RunExecutionDeps, 'journal' | 'owner'>;

export class RunLauncher {
  private readonly owner = newRunOwner();
  private readonly live = new Map<string, RunExecution>();

  constructor(
    private readonly journal: BulkJournal,
    private readonly engine: EngineDeps,
  ) {}

  /** Whether a recorded owner drives `runId` now: this service knows its own runs; another's is live while its process and heartbeat are. */
  readonly isLive: OwnerLiveness = (owner, runId) => (owner.token === this.owner.token ? this.live.has(runId) : ownerIsLive(owner));

  isRunningHere = (runId: string): boolean => this.live.has(runId);
  runningIds = (): string[] => [...this.live.keys()];

  /** Write-ahead: the run and every item are on disk (claimed by this service) before the first request. */
  launch(run: Omit<NewRun, 'owner'>, items: NewRunItem[], drift: PlanDrift | null): RunHandle {
    const record = { ...run, owner: this.owner };
    this.claimed(() => this.journal.createRun(record, items, this.isLive));
    return this.execute(record, drift, { concurrency: record.concurrency, maxAttempts: record.maxAttempts });
  }

  /** Claims an unfinished run for this service; `prepare` (recovery) runs under the claim, which is released if it fails. */
  async continueRun<T>(run: RunRecord, options: RunOptions, at: () => string, prepare: () => Promise<T>): Promise<{ handle: RunHandle; prepared: T }> {
    this.claimed(() => this.journal.claimRun(run.id, this.owner, at(), this.isLive));
    let prepared: T;
    try {
      prepared = await prepare();
    } catch (error) {
      this.journal.releaseRun(run.id, this.owner.token, at());
      throw error;
    }
    return { handle: this.execute(run, null, options), prepared };
  }

  /** A live run of this service (UI reattaching after a window reload). */
  handle(runId: string): RunHandle | null {
    const exec = this.live.get(runId);
    return exec ? this.handleFor(exec, this.journal.getRun(runId)?.kind ?? 'apply', null, exec.start()) : null;
  }

  /** Latest progress: live from this service, or final from the journal; null for unknown runs. */
  status(runId: string): RunProgress | null {
    const exec = this.live.get(runId);
    if (exec) return exec.progress();
    const run = this.journal.getRun(runId);
    return run ? progressFromRecord(run) : null;
  }

  private execute(run: Pick<RunRecord, 'id' | 'kind' | 'identity'>, drift: PlanDrift | null, options: RunOptions): RunHandle {
    const exec = new RunExecution(
      { ...this.engine, journal: this.journal, owner: this.owner },
      { runId: run.id, kind: run.kind, items: this.journal.getItems(run.id), ...options, accountId: run.identity.accountId, identity: run.identity },
    );
    this.live.set(run.id, exec);
    const done = exec.start().finally(() => this.live.delete(run.id));
    return this.handleFor(exec, run.kind, drift, done);
  }

  private handleFor(exec: RunExecution, kind: RunKind, drift: PlanDrift | null, done: Promise<RunSummary>): RunHandle {
    return {
      runId: exec.runId,
      kind,
      driftSincePlan: drift,
      onProgress: (l) => exec.onProgress(l),
      onItemSettled: (l) => exec.onItemSettled(l),
      progress: () => exec.progress(),
      pause: () => exec.pause(),
      unpause: () => exec.unpause(),
      cancel: () => exec.cancel(),
      done,
    };
  }

  /** A journal claim, its refusal as the person reads it. */
  private claimed(claim: () => void): void {
    try {
      claim();
    } catch (error) {
      if (error instanceof RunClaimConflict) throw claimConflictError(error);
      throw error;
    }
  }
}
