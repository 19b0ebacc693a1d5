/* Fresh reads of customers' current routing (plans, apply, undo, recovery): batched
 * `specificIds`, then one GetCustomer per id the batch did not return, to learn why
 * (403 vs 404). A transient failure here throws: a plan or a recovery must never guess.
 * A record the server returned but the console cannot read is `unreadable` (and, for the
 * callers that only know "accessible or not", also inaccessible): it is never written. */
import type { AppError} from '../../shared/errors';
import { isErrorKind } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import type { Customer } from '../../shared/evo/schemas';
import type { SetAsideItem } from '../../shared/evo/tolerant';
import { toPlanItem } from '../../shared/bulk/plan-logic';
import type { AccessProblem, PlanItem } from '../../shared/bulk/types';
import { forEachLimited } from './pool';
import type { BulkClient } from './ports';

export interface StateRead {
  found: Map<string, PlanItem>;
  /** Full records (tags etc.) for the found ids. */
  customers: Map<string, Customer>;
  inaccessible: Map<string, AccessProblem>;
  /** Returned by the server, but not readable (also listed in `inaccessible`). */
  unreadable: Map<string, AccessProblem>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Only customers of this account count as accessible (the account the console acts on). */
  accountId?: string | null;
  /** Called after each batch / access check. */
  onStep?: (phase: 'reading' | 'checkingAccess', done: number, total: number) => void;
  /** Parallel batches; the shared limiter bounds the whole session anyway. */
  parallel?: number;
  now?: () => Date;
}

export async function readCurrentStates(client: BulkClient, ids: readonly string[], options: ReadOptions = {}): Promise<StateRead> {
  const now = options.now ?? (() => new Date());
  const parallel = options.parallel ?? 4;
  const result: StateRead = { found: new Map(), customers: new Map(), inaccessible: new Map(), unreadable: new Map() };
  const setUnreadable = (id: string, problem: AccessProblem) => {
    result.unreadable.set(id, problem);
    result.inaccessible.set(id, problem);
  };
  const onSetAside = (items: SetAsideItem[]) => {
    for (const item of items) if (item.part === '' && item.customerId !== null) setUnreadable(item.customerId, unreadableProblem(item));
  };
  const batchSize = EVO_ASSUMPTIONS.specificIdsBatchSize;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
  const accountIds = options.accountId ? [options.accountId] : undefined;

  let batchesDone = 0;
  await forEachLimited(batches, parallel, async (batch) => {
    const customers = await client.getCustomers(batch, { onSetAside, ...(options.signal ? { signal: options.signal } : {}), ...(accountIds ? { accountIds } : {}) });
    const seenAt = now().toISOString();
    for (const c of customers) {
      result.customers.set(c.id, c);
      result.found.set(c.id, toPlanItem(c, seenAt));
    }
    batchesDone += 1;
    options.onStep?.('reading', batchesDone, batches.length);
  });

  const missing = ids.filter((id) => !result.found.has(id) && !result.unreadable.has(id));
  let checked = 0;
  await forEachLimited(missing, parallel, async (id) => {
    try {
      const c = await client.getCustomer(id, options.signal ? { signal: options.signal } : {});
      if (options.accountId && c.accountId && c.accountId !== options.accountId) {
        result.inaccessible.set(id, {
          kind: 'Forbidden',
          message: `Customer ${id} belongs to another account (${c.accountName ?? c.accountId}) than the one the console acts on.`,
        });
      } else {
        const seenAt = now().toISOString();
        result.customers.set(c.id, c);
        result.found.set(id, toPlanItem(c, seenAt));
      }
    } catch (error) {
      if (isErrorKind(error, 'Forbidden', 'NotFound')) {
        result.inaccessible.set(id, accessProblem(error));
      } else if (isErrorKind(error, 'InvalidResponse')) {
        setUnreadable(id, accessProblem(error));
      } else {
        throw error;
      }
    }
    checked += 1;
    options.onStep?.('checkingAccess', checked, missing.length);
  });
  return result;
}

/** Why a set-aside customer could not be read, as a plan shows it. */
export function unreadableProblem(item: SetAsideItem): AccessProblem {
  return { kind: 'InvalidResponse', message: `Could not be read (${item.field}: ${item.problem}); left out of the change.` };
}

export function accessProblem(error: AppError): AccessProblem {
  const problem: AccessProblem = { kind: error.kind, message: error.message };
  if (error.status !== undefined) problem.status = error.status;
  return problem;
}
