/* Handlers of the console screens' channels (customers, bulk staging, run history), spread
 * into the app's handler map (handlers.ts). Requests arrive validated by the router. */
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Channels, Events, SubtreeSize } from '../../shared/ipc/contract';
import { listChildIds } from '../customers/child-ids';
import type { PayloadOf } from '../../shared/ipc/define';
import type { RunHandle } from '../bulk/run-launcher';
import type { ConsoleWorkspaces } from '../console-workspaces';
import { writeOwnerOnlyFileAtomically } from '../files/owner-only';
import { stagingNow } from '../staging-now';
import type { Handlers } from './router';

export type ConsoleChannel = Extract<keyof Channels, `customers:${string}` | `bulk:${string}` | `runs:${string}` | `staging:${string}`>;

export interface ConsoleHandlerDeps {
  workspaces: ConsoleWorkspaces;
  isOffline(): boolean;
  /** The person's request-rate ceiling (app setting, kept in the settings file). */
  rateCeiling: { get(): number | null; set(perSecond: number | null): number | null };
  /** Where audit exports are written (inside the app-data folder). */
  exportsDir: string;
  emit<K extends keyof Events & string>(event: K, payload: PayloadOf<Events[K]>): void;
}

export function createConsoleHandlers(deps: ConsoleHandlerDeps): Pick<Handlers<Channels>, ConsoleChannel> {
  const ws = () => deps.workspaces.current();
  const bulk = () => deps.workspaces.bulk;

  /** Every run's progress goes to the renderer, and its final state once it ends. */
  const follow = (handle: RunHandle) => {
    handle.onProgress((p) => deps.emit('bulk:progress', p));
    handle.onItemSettled((item) => deps.emit('bulk:itemSettled', item));
    handle.done.then(
      () => deps.emit('bulk:progress', handle.progress()),
      () => deps.emit('bulk:progress', handle.progress()),
    );
    return handle;
  };
  /** Long operations the user can stop (planning, offline downloads), by key; starting one
   * again under the same key stops the older one. */
  const stoppable = new Map<string, AbortController>();
  const track = async <T>(key: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    stoppable.get(key)?.abort();
    const controller = new AbortController();
    stoppable.set(key, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (stoppable.get(key) === controller) stoppable.delete(key);
    }
  };
  const stop = (key: string) => {
    stoppable.get(key)?.abort();
    return null;
  };
  const syncKey = (id: string | null) => `sync:${id ?? '(account)'}`;

  const live = (runId: string) => {
    const handle = bulk().activeRun(runId);
    if (!handle) throw new AppError({ kind: 'Conflict', message: 'That run is not running in this app any more.' });
    return handle;
  };

  return {
    'customers:children': ({ parentId, ...options }) => ws().customers.children(parentId, options),
    'customers:get': ({ id }) => ws().customers.get(id),
    'customers:breadcrumb': ({ id }) => ws().customers.breadcrumb(id),
    'customers:find': ({ text, ...options }) => ws().customers.find(text, options),
    'customers:tags': () => ws().customers.tags(),
    'customers:childCounts': ({ ids }) => {
      const { cache } = ws();
      const counts: Record<string, number> = {};
      for (const id of ids) {
        const n = cache.childCount(id);
        if (n !== undefined) counts[id] = n;
      }
      return counts;
    },
    'customers:childIds': ({ parentId, ...request }) => listChildIds(ws().customers, parentId, request),
    'customers:subtreeSizes': ({ ids }) => {
      const { cache } = ws();
      const accountDownloaded = cache.subtreeSyncState(null) !== undefined;
      const sizes: Record<string, SubtreeSize> = {};
      for (const id of ids) {
        if (!cache.get(id)) continue;
        sizes[id] = { descendants: cache.stagingCounts(id).total - 1, complete: accountDownloaded || cache.subtreeSyncState(id) !== undefined };
      }
      return sizes;
    },
    'customers:inheritedSchedule': ({ id }) => ws().customers.inheritedSchedule(id),
    'customers:testSchedule': ({ id, dateTime }) => ws().customers.testSchedule(id, dateTime),
    'customers:sync': ({ id }) =>
      track(syncKey(id), (signal) =>
        ws().customers.syncSubtree(id, {
          signal,
          onProgress: (p) => deps.emit('customers:syncProgress', { rootId: id, fetched: p.fetched, pages: p.pages, ...(p.total === undefined ? {} : { total: p.total }) }),
        }),
      ),
    'customers:cancelSync': ({ id }) => stop(syncKey(id)),
    'customers:stagingCounts': ({ id }) => ws().customers.stagingCounts(id),
    'customers:clearCache': async () => {
      await ws().customers.clearCache();
      return null;
    },

    'bulk:plan': (request) =>
      track('plan', async (signal) => {
        ws(); // signed in, account chosen
        const onProgress = (p: PayloadOf<Events['bulk:planProgress']>) => deps.emit('bulk:planProgress', p);
        const plan = deps.isOffline() ? bulk().planFromCache(request, { onProgress }) : await bulk().plan(request, { onProgress, signal });
        bulk().savePlan(plan);
        return plan;
      }),
    'bulk:excludeFromPlan': ({ planId, customerIds }) => bulk().excludeFromPlan(planId, customerIds),
    'bulk:cancelPlan': () => stop('plan'),
    'bulk:plans': () => bulk().listPlans(),
    'bulk:deletePlan': ({ planId }) => bulk().deletePlan(planId),
    'bulk:getPlan': ({ planId }) => {
      const plan = bulk().getPlan(planId);
      if (!plan) throw new AppError({ kind: 'NotFound', message: `No saved plan with id ${planId}.` });
      return plan;
    },
    'bulk:start': async ({ planId, concurrency, returnBy }) => {
      const started = await bulk().startIfUnchanged(planId, { ...(concurrency === undefined ? {} : { concurrency }), returnBy: returnBy ?? null });
      return 'drift' in started ? { runId: null, drifted: started } : { runId: follow(started).runId, drifted: null };
    },
    'bulk:pause': ({ runId }) => {
      const handle = live(runId);
      handle.pause();
      return handle.progress();
    },
    'bulk:unpause': ({ runId }) => {
      const handle = live(runId);
      handle.unpause();
      return handle.progress();
    },
    'bulk:cancel': ({ runId }) => {
      const handle = live(runId);
      handle.cancel();
      return handle.progress();
    },
    'bulk:status': ({ runId }) => bulk().status(runId),
    'bulk:retryFailed': async ({ runId }) => ({ runId: follow(await bulk().retryFailed(runId)).runId }),
    'bulk:undo': async ({ runId }) => ({ runId: follow(await bulk().undo(runId)).runId }),
    'bulk:interrupted': () => bulk().findInterrupted(),
    'bulk:continueInterrupted': async ({ runId }) => {
      const handle = await bulk().continueInterrupted(runId);
      follow(handle);
      return { runId: handle.runId, recovery: handle.recovery };
    },
    'bulk:rateCeiling': () => deps.rateCeiling.get(),
    'bulk:setRateCeiling': ({ perSecond }) => deps.rateCeiling.set(perSecond),

    'staging:now': ({ subtreeId, maxAgeMs }) => stagingNow(ws().customers, bulk(), { subtreeId, ...(maxAgeMs === undefined ? {} : { maxAgeMs }) }),
    'staging:due': () => {
      ws(); // signed in, account chosen
      return bulk().dueReturns({ fromCache: deps.isOffline() });
    },
    'runs:list': () => bulk().listRuns(),
    'runs:get': ({ runId }) => {
      const run = bulk().getRun(runId);
      if (!run) throw new AppError({ kind: 'NotFound', message: `No bulk run with id ${runId}.` });
      return run;
    },
    'runs:withCustomer': ({ text }) => bulk().runsWithCustomer(text),
    'runs:export': ({ runId, format }) => {
      const text = bulk().exportRun(runId, format);
      // The id is ours (journal), but keep the file name to safe characters anyway.
      const file = path.join(deps.exportsDir, `bulk-run-${runId.replace(/[^A-Za-z0-9-]/g, '_')}.${format}`);
      // Customer data and the user's email: readable by this user only, like the cache; written
      // whole or not at all, also over an earlier export of the same run.
      writeOwnerOnlyFileAtomically(file, text);
      return { runId, format, path: file, bytes: Buffer.byteLength(text) };
    },
  };
}
