import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { CustomerCache } from '../../../src/main/cache/customer-cache';
import type { PlanProgress } from '../../../src/shared/bulk/types';
import { descendantsOf, harness, managerCustomers, tempDir, type Harness, useSmallSandbox } from './helpers';

let sandbox: Sandbox;
let h: Harness;

useSmallSandbox((started) => (sandbox = started));
beforeEach(async () => {
  h = await harness(sandbox, { service: { countPerPage: 25 } });
});

describe('planning against the sandbox', () => {
  it('resolves a whole subtree across many pages and counts what would change', async () => {
    const root = sandbox.fixtures.bigParentId;
    const expected = [root, ...descendantsOf(sandbox, root)];
    const progress: PlanProgress[] = [];
    sandbox.admin.resetMetrics();
    const plan = await h.service.plan({ subtreeRootIds: [root], target: 'staging' }, { onProgress: (p) => progress.push(p) });

    const planned = [...plan.toChange, ...plan.alreadyInState].map((i) => i.customerId);
    expect(new Set(planned)).toEqual(new Set(expected));
    expect(planned).toHaveLength(expected.length); // no duplicates across pages
    const raw = new Map(sandbox.admin.customers().map((c) => [c.id, c]));
    expect(plan.counts).toEqual({
      total: expected.length,
      toChange: expected.filter((id) => !raw.get(id)?.isStaging).length,
      alreadyInState: expected.filter((id) => raw.get(id)?.isStaging).length,
      notAccessible: 0,
      excludedByTags: 0,
      unreadable: 0,
    });
    // Several listing pages (countPerPage 25 for ~320 customers), then batched reads.
    const resolving = progress.filter((p) => p.phase === 'resolving');
    expect(resolving.length).toBeGreaterThan(10);
    expect(progress.some((p) => p.phase === 'reading')).toBe(true);
    expect(plan.source).toBe('server');
    expect(plan.identity).toMatchObject({ userEmail: 'manager@sandbox.test', accountId: sandbox.fixtures.managerAccountId, serverUrl: sandbox.url });
    const child = plan.toChange.find((i) => i.customerId !== root);
    expect(child?.breadcrumb[0]?.id).toBe(root);
    expect(child?.name).not.toBe('');
  });

  it('reports inaccessible targets with the reason (403 other account, 404 unknown)', async () => {
    const own = managerCustomers(sandbox)[0]!.id;
    const plan = await h.service.plan({ customerIds: [own, sandbox.fixtures.otherAccountCustomerId, 'no-such-customer', own], target: 'production' });
    expect(plan.counts.total).toBe(3);
    const reasons = Object.fromEntries(plan.notAccessible.map((i) => [i.customerId, i.reason.kind]));
    expect(reasons).toEqual({ [sandbox.fixtures.otherAccountCustomerId]: 'Forbidden', 'no-such-customer': 'NotFound' });
    expect(plan.notAccessible.every((i) => i.reason.message.length > 0)).toBe(true);
  });

  it('applies the tag filter (all of the tags) to subtrees and explicit ids', async () => {
    const [t1, t2] = sandbox.fixtures.tagFilter.tagIds;
    const mine = managerCustomers(sandbox);
    const hasBoth = (c: (typeof mine)[number]) => [t1, t2].every((t) => (c.tags ?? []).some((tag) => tag.id === t));
    const roots = mine.filter((c) => !c.parentCustomerId).map((c) => c.id);
    const plan = await h.service.plan({ subtreeRootIds: roots, tagIds: [t1, t2], target: 'staging' });
    const planned = new Set([...plan.toChange, ...plan.alreadyInState].map((i) => i.customerId));
    expect(planned).toEqual(new Set(mine.filter(hasBoth).map((c) => c.id)));
    expect(planned.size).toBeGreaterThan(0);
    // Every customer of those subtrees that lacks a tag is counted, not only the roots.
    expect(plan.counts.excludedByTags).toBe(mine.filter((c) => !hasBoth(c)).length);
  });

  it('counts "left out by tags" over the whole subtree, online as offline', async () => {
    const chain = sandbox.fixtures.chainIds;
    const request = { subtreeRootIds: [chain[0]!], tagIds: [sandbox.fixtures.unusedTagId], target: 'staging' as const };
    const online = await h.service.plan(request);
    expect(online.counts).toMatchObject({ total: 0, toChange: 0, excludedByTags: descendantsOf(sandbox, chain[0]!).length + 1 });

    const opened = CustomerCache.open({ appDataDir: tempDir(), profile: { server: sandbox.url, user: 'manager@sandbox.test', accountId: h.accountId } });
    const listed = [];
    for await (const page of h.client.customerPages({ parentCustomerIds: [chain[0]!] })) listed.push(...page);
    opened.cache.upsertCustomers([await h.client.getCustomer(chain[0]!), ...listed]);
    const [t1] = sandbox.fixtures.tagFilter.tagIds;
    const withTag = { ...request, tagIds: [t1] };
    const offline = h.reopen({ cache: opened.cache }).planFromCache(withTag);
    expect((await h.service.plan(withTag)).counts).toEqual(offline.counts);
    opened.cache.close();
  });

  it('can be cancelled while resolving a large tree', async () => {
    const controller = new AbortController();
    const pending = h.service.plan(
      { subtreeRootIds: [sandbox.fixtures.bigParentId], target: 'staging' },
      { signal: controller.signal, onProgress: (p) => p.phase === 'resolving' && p.done >= 2 && controller.abort() },
    );
    await expect(pending).rejects.toMatchObject({ kind: 'Cancelled' });
  });

  it('saves plans for later review and reports drift when applied', async () => {
    const ids = managerCustomers(sandbox).filter((c) => !c.isStaging).slice(0, 6).map((c) => c.id);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    h.service.savePlan(plan);
    const later = h.reopen();
    expect(later.listPlans().map((p) => p.id)).toContain(plan.id);
    expect(later.getPlan(plan.id)).toEqual(plan);

    // Someone changes two customers before the plan is applied.
    await h.client.setStaging(ids[0]!, true);
    await h.client.setStaging(ids[1]!, true);
    const handle = await later.start(plan.id, { concurrency: 2 });
    const summary = await handle.done;
    expect(handle.driftSincePlan?.stateChanged.map((d) => d.customerId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(summary.counts).toMatchObject({ total: 6, changed: 4, alreadyInState: 2 });
  });

  it('builds an offline plan from the customer cache, marked and dated', async () => {
    const opened = CustomerCache.open({ appDataDir: tempDir(), profile: { server: sandbox.url, user: 'manager@sandbox.test', accountId: h.accountId } });
    const cache = opened.cache;
    const root = sandbox.fixtures.subtree200Id;
    const fetchedAt = Date.parse('2026-01-02T03:04:05.000Z');
    const customers = [];
    for await (const page of h.client.customerPages({ parentCustomerIds: [root] })) customers.push(...page);
    cache.upsertCustomers([await h.client.getCustomer(root), ...customers], fetchedAt);
    const service = h.reopen({ cache });
    const plan = service.planFromCache({ subtreeRootIds: [root], customerIds: ['not-cached'], target: 'staging' });
    expect(plan.source).toBe('cache');
    expect(plan.snapshotAt).toBe('2026-01-02T03:04:05.000Z');
    expect(plan.counts.toChange + plan.counts.alreadyInState).toBe(200);
    expect(plan.notAccessible).toEqual([expect.objectContaining({ customerId: 'not-cached', reason: expect.objectContaining({ kind: 'Offline' }) })]);
    cache.close();
  });
});
