/* Customers, plans and runs for DOM tests, shaped like the data main sends. */
import { emptyCounts } from '../../../src/shared/bulk/counts';
import type { BulkPlan, PlanItem, RunRecord } from '../../../src/shared/bulk/types';
import type { Customer } from '../../../src/shared/evo/schemas';

export function makeCustomer(i: number, extra: Partial<Customer> = {}): Customer {
  return {
    id: `c${i}`,
    name: `Customer ${i}`,
    referenceId: `REF-${i}`,
    accountId: 'acc1',
    accountName: 'Main account',
    isStaging: i % 3 === 0,
    tags: i % 2 === 0 ? [{ id: 't1', name: 'VIP', color: 'Gold' }] : [],
    ...extra,
  } as Customer;
}

export const HOSTILE_NAME = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

export const IDENTITY: RunRecord['identity'] = { userEmail: 'ops@example.com', serverUrl: 'https://evovoice.io', accountId: 'acc1', accountName: 'Main' };

/** A finished run of 10 changes (override what a test needs). */
export function makeRun(extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run1',
    kind: 'apply',
    parentRunId: null,
    planId: 'plan1',
    status: 'completed',
    target: 'staging',
    identity: IDENTITY,
    request: null,
    planCounts: null,
    drift: null,
    concurrency: 6,
    maxAttempts: 5,
    createdAt: '2026-11-27T03:00:00Z',
    startedAt: '2026-11-27T03:00:01Z',
    endedAt: '2026-11-27T03:00:21Z',
    durationMs: 20_000,
    counts: { ...emptyCounts(), total: 10, changed: 10 },
    continueCount: 0,
    returnBy: null,
    subject: { kind: 'customers', named: [{ id: 'c1', name: 'Customer 1' }], total: 10 },
    ...extra,
  };
}

/** Customer i as a plan lists it (in production unless isStaging). */
export const planItem = (i: number, extra: Partial<PlanItem> = {}): PlanItem => ({
  customerId: `c${i}`,
  name: `Customer ${i}`,
  breadcrumb: [],
  isStaging: false,
  seenAt: '2026-11-27T03:00:00Z',
  ...extra,
});

/** A plan moving c1 and c2 to staging (override what a test needs; counts are not recomputed). */
export function makePlan(extra: Partial<BulkPlan> = {}): BulkPlan {
  return {
    id: 'plan1',
    createdAt: '2026-11-27T03:00:00Z',
    source: 'server',
    snapshotAt: '2026-11-27T03:00:00Z',
    identity: IDENTITY,
    request: { subtreeRootIds: ['c1'], target: 'staging' },
    target: 'staging',
    toChange: [planItem(1), planItem(2)],
    alreadyInState: [],
    notAccessible: [],
    counts: { total: 2, toChange: 2, alreadyInState: 0, notAccessible: 0, excludedByTags: 0 },
    ...extra,
  };
}
