/* Builds plans: resolve targets (explicit ids, whole subtrees through ListCustomers'
 * deep `parentCustomerIds`, all pages), read every target's current routing fresh,
 * sort into to-change / already-in-state / not-accessible. Offline plans come from the
 * customer cache instead and are marked and dated as such. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { EVO_ASSUMPTIONS } from '../../shared/evo/assumptions';
import { classifyTargets, dedupeIds, hasAllTags, toPlanItem, validatePlanRequest } from '../../shared/bulk/plan-logic';
import type { AccessProblem, BulkPlan, PlanItem, PlanProgress, PlanRequest, RunIdentity } from '../../shared/bulk/types';
import type { SetAsideItem } from '../../shared/evo/tolerant';
import type { BulkCache, BulkClient } from './ports';
import { readCurrentStates, unreadableProblem } from './state-reader';

export interface PlanOptions {
  onProgress?: (progress: PlanProgress) => void;
  signal?: AbortSignal;
}

export interface PlannerDeps {
  client: BulkClient;
  now?: () => Date;
  newId?: () => string;
  /** Page size for subtree listing (tests force several pages with a small one). */
  countPerPage?: number;
}

export function cancelledPlan(): AppError {
  return new AppError({ kind: 'Cancelled', operation: 'plan', message: 'Planning was cancelled.' });
}

function checkRequest(request: PlanRequest): void {
  const problem = validatePlanRequest(request);
  if (problem) throw new AppError({ kind: 'InvalidInput', operation: 'plan', message: problem });
}

export class Planner {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: PlannerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  async plan(request: PlanRequest, identity: RunIdentity, options: PlanOptions = {}): Promise<BulkPlan> {
    checkRequest(request);
    const { signal, onProgress } = options;
    const throwIfCancelled = () => {
      if (signal?.aborted) throw cancelledPlan();
    };
    const tagIds = dedupeIds(request.tagIds ?? []);
    const createdAt = this.now().toISOString();

    try {
      // 1. Resolve: explicit ids, then each subtree root and its descendants. Descendants are
      //    listed without the tag filter and filtered here, so "left out by tags" counts the
      //    whole subtree (as an offline plan does), not only what the server would not list.
      const ordered: string[] = [];
      const seen = new Set<string>();
      const add = (id: string) => {
        if (!seen.has(id)) {
          seen.add(id);
          ordered.push(id);
        }
      };
      let excludedByTags = 0;
      for (const id of dedupeIds(request.customerIds ?? [])) add(id);
      // Listed but unreadable: kept as targets (the fresh read below says why), never dropped silently.
      const withoutId: AccessProblem[] = [];
      const onSetAside = (items: SetAsideItem[]) => {
        for (const item of items) {
          if (item.part !== '') continue;
          if (item.customerId === null) withoutId.push(unreadableProblem(item));
          else add(item.customerId);
        }
      };
      let pages = 0;
      for (const rootId of dedupeIds(request.subtreeRootIds ?? [])) {
        throwIfCancelled();
        add(rootId);
        const query = {
          parentCustomerIds: [rootId],
          countPerPage: this.deps.countPerPage ?? EVO_ASSUMPTIONS.pageSize,
          ...(identity.accountId ? { accountIds: [identity.accountId] } : {}),
        };
        for await (const page of this.deps.client.customerPages(query, { onSetAside, ...(signal ? { signal } : {}) })) {
          for (const c of page) {
            if (seen.has(c.id)) continue;
            if (hasAllTags(c, tagIds)) add(c.id);
            else {
              seen.add(c.id);
              excludedByTags += 1;
            }
          }
          pages += 1;
          onProgress?.({ phase: 'resolving', done: pages, total: null, customersFound: ordered.length });
          throwIfCancelled();
        }
      }
      onProgress?.({ phase: 'resolving', done: pages, total: pages, customersFound: ordered.length });

      // 2. Read every target's current state fresh (batched specificIds).
      const read = await readCurrentStates(this.deps.client, ordered, {
        ...(signal ? { signal } : {}),
        accountId: identity.accountId,
        now: this.now,
        onStep: (phase, done, total) => onProgress?.({ phase, done, total, customersFound: ordered.length }),
      });
      throwIfCancelled();

      // 3. Tag filter (all-of) on explicit ids and roots (descendants were filtered when listed).
      const targets = ordered.filter((id) => {
        const c = read.customers.get(id);
        if (!c || hasAllTags(c, tagIds)) return true;
        excludedByTags += 1;
        return false;
      });
      const classified = classifyTargets({
        orderedIds: targets,
        found: read.found,
        inaccessible: read.inaccessible,
        unreadable: read.unreadable,
        unreadableWithoutId: withoutId,
        target: request.target,
        excludedByTags,
      });
      return { id: this.newId(), createdAt, source: 'server', snapshotAt: createdAt, identity, request, target: request.target, ...classified };
    } catch (error) {
      if (signal?.aborted) throw cancelledPlan();
      throw error;
    }
  }

  /** Offline plan from the customer cache; `snapshotAt` is the oldest record's fetch time. */
  planFromCache(cache: BulkCache, request: PlanRequest, identity: RunIdentity, options: PlanOptions = {}): BulkPlan {
    checkRequest(request);
    if (options.signal?.aborted) throw cancelledPlan();
    const tagIds = dedupeIds(request.tagIds ?? []);
    const ordered: string[] = [];
    const found = new Map<string, PlanItem>();
    const inaccessible = new Map<string, AccessProblem>();
    const tagsOf = new Map<string, readonly { id: string }[]>();
    const notCached: AccessProblem = { kind: 'Offline', message: 'Not in the offline cache: open this customer online once to include it.' };
    let oldest = Number.POSITIVE_INFINITY;
    const take = (id: string, entry: { customer: Parameters<typeof toPlanItem>[0]; fetchedAt: number } | undefined) => {
      if (found.has(id) || inaccessible.has(id)) return;
      ordered.push(id);
      if (!entry) {
        inaccessible.set(id, notCached);
        return;
      }
      if (identity.accountId && entry.customer.accountId && entry.customer.accountId !== identity.accountId) {
        inaccessible.set(id, { kind: 'Forbidden', message: `Customer ${id} belongs to another account than the one the console acts on.` });
        return;
      }
      oldest = Math.min(oldest, entry.fetchedAt);
      found.set(id, toPlanItem(entry.customer, new Date(entry.fetchedAt).toISOString()));
      tagsOf.set(id, entry.customer.tags ?? []);
    };
    for (const id of dedupeIds(request.customerIds ?? [])) take(id, cache.get(id));
    for (const rootId of dedupeIds(request.subtreeRootIds ?? [])) {
      take(rootId, cache.get(rootId));
      for (const d of cache.descendants(rootId)) take(d.customer.id, d);
    }
    options.onProgress?.({ phase: 'reading', done: 1, total: 1, customersFound: ordered.length });
    let excludedByTags = 0;
    const targets = ordered.filter((id) => {
      const tags = tagsOf.get(id);
      if (!tags || hasAllTags({ tags }, tagIds)) return true;
      excludedByTags += 1;
      return false;
    });
    const createdAt = this.now().toISOString();
    const snapshotAt = Number.isFinite(oldest) ? new Date(oldest).toISOString() : createdAt;
    const classified = classifyTargets({ orderedIds: targets, found, inaccessible, target: request.target, excludedByTags });
    return { id: this.newId(), createdAt, source: 'cache', snapshotAt, identity, request, target: request.target, ...classified };
  }
}
