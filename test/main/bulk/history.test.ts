/* What History and the live screens read from the bulk service: a run's subject named from the
 * journal, each customer as it settles (the 'bulk:itemSettled' event), the runs that included a
 * customer, and customers left out of a plan through main (a new plan, and only it is written). */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import type { ItemSettled } from '../../../src/shared/bulk/types';
import { describeSubject } from '../../../src/shared/bulk/subject';
import { undoOf } from '../../../src/shared/bulk/undo';
import { descendantsOf, harness, managerCustomers, useSmallSandbox, writesByCustomer } from './helpers';

let sandbox: Sandbox;
useSmallSandbox((started) => (sandbox = started));

describe('runs as History shows them', () => {
  it('names a subtree run by its root, reports each customer as it changes, finds the run by customer name or id, and knows its undo', async () => {
    const h = await harness(sandbox);
    const root = sandbox.fixtures.chainIds[0]!;
    const subtree = [root, ...descendantsOf(sandbox, root)];
    const rootName = sandbox.admin.customer(root)!.name!;
    const plan = await h.service.plan({ subtreeRootIds: [root], target: 'staging' });
    const handle = await h.service.start(plan);
    const settled: ItemSettled[] = [];
    handle.onItemSettled((item) => settled.push(item));
    await handle.done;

    const changed = subtree.filter((id) => writesByCustomer(sandbox).has(id));
    expect(changed.length).toBe(plan.counts.toChange);
    expect(settled.filter((s) => s.outcome === 'changed').map((s) => s.customerId).sort()).toEqual([...changed].sort());
    expect(settled.every((s) => s.runId === handle.runId && s.after === true)).toBe(true);
    // Each carries the customer's last change as the server's write answer said it.
    for (const s of settled) {
      const now = sandbox.admin.customer(s.customerId)!;
      expect(s.lastModified).toEqual({ at: now.dateLastModified, by: now.lastModifiedBy });
    }

    const run = h.service.listRuns().find((r) => r.id === handle.runId)!;
    expect(describeSubject(run.subject)).toBe(`${rootName} and its ${subtree.length - 1} descendant${subtree.length === 2 ? '' : 's'}`);

    const last = sandbox.admin.customer(subtree.at(-1)!)!;
    expect(h.service.runsWithCustomer(last.id)).toEqual([handle.runId]);
    expect(h.service.runsWithCustomer(last.name!.slice(1, 6).toUpperCase())).toContain(handle.runId);
    expect(h.service.runsWithCustomer('%')).toEqual([]); // LIKE wildcards are text here

    const undo = await h.service.undo(handle.runId);
    await undo.done;
    expect(undoOf(h.service.listRuns(), handle.runId)?.id).toBe(undo.runId);
  });

  it('leaving customers out makes a new plan in place of the old one, and only its customers are written', async () => {
    const h = await harness(sandbox);
    const ids = managerCustomers(sandbox)
      .filter((c) => !c.isStaging)
      .slice(0, 5)
      .map((c) => c.id);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    h.service.savePlan(plan);
    const next = h.service.excludeFromPlan(plan.id, [ids[1]!, ids[3]!]);
    expect(next.id).not.toBe(plan.id);
    expect(next.counts).toMatchObject({ toChange: 3, total: 3 });
    expect(next.excluded?.map((i) => i.customerId)).toEqual([ids[1], ids[3]]);
    expect(h.service.getPlan(plan.id)).toBeNull();
    expect(h.service.getPlan(next.id)?.counts.toChange).toBe(3);

    const started = await h.service.startIfUnchanged(next.id);
    if ('drift' in started) throw new Error('unexpected drift');
    await started.done;
    expect([...writesByCustomer(sandbox).keys()].sort()).toEqual([ids[0], ids[2], ids[4]].sort());
    const run = h.service.getRun(started.runId)!;
    expect(describeSubject(run.subject)).toMatch(/^5 customers: .+… \(2 left out\)$/);
  });
});
