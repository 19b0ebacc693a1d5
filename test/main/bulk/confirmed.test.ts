/* Confirmed means bounded (issue 11, finding 1): a run writes at most the customers the person
 * confirmed — the plan's "to change", by id — and only while they are in the routing the plan
 * showed. Every kind of drift between plan and apply is shown as a difference and left alone:
 * a confirmed customer already at the target, an "already there" one now off target, a newly
 * accessible one. startIfUnchanged writes nothing at all and hands back a fresh plan instead.
 * The old engine re-read every id of the plan and wrote every one now off target. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { PLAN_MAX_AGE_MS } from '../../../src/shared/bulk/types';
import { harness, hiddenCustomer, managerCustomers, type Harness, useSmallSandbox } from './helpers';

let sandbox: Sandbox;
let h: Harness;

useSmallSandbox((started) => (sandbox = started));
beforeEach(async () => {
  h = await harness(sandbox);
});

const inProduction = () => managerCustomers(sandbox).filter((c) => !c.isStaging).map((c) => c.id);
const inStaging = () => managerCustomers(sandbox).filter((c) => c.isStaging).map((c) => c.id);
const written = () => sandbox.admin.writes().map((w) => w.customerId);

/** A plan of 2 to change, 2 already on staging, 1 not accessible; then every kind of drift. */
async function driftedPlan() {
  const [confirmed, confirmedNowThere] = inProduction();
  const [alreadyThere, alreadyThereNowOff] = inStaging();
  const [hidden] = inProduction().slice(2);
  sandbox.admin.setFaults({ answerOverrides: hiddenCustomer(hidden as string) });
  const plan = await h.service.plan({ customerIds: [confirmed, confirmedNowThere, alreadyThere, alreadyThereNowOff, hidden] as string[], target: 'staging' });
  sandbox.admin.clearFaults();
  expect(plan.counts).toMatchObject({ toChange: 2, alreadyInState: 2, notAccessible: 1 });
  // Meanwhile someone else: the confirmed one moves to staging, the "already there" one back to production.
  await h.client.setStaging(confirmedNowThere as string, true);
  await h.client.setStaging(alreadyThereNowOff as string, false);
  const writesBefore = sandbox.admin.writes().length;
  return { plan, ids: { confirmed, confirmedNowThere, alreadyThere, alreadyThereNowOff, hidden } as Record<string, string>, writesBefore };
}

describe('a plan applied after its customers changed', () => {
  it('start() writes only the confirmed customer still as planned; each difference is recorded and left alone', async () => {
    const { plan, ids, writesBefore } = await driftedPlan();
    const handle = await h.service.start(plan);
    const summary = await handle.done;
    expect(written().slice(writesBefore)).toEqual([ids.confirmed]);
    expect(summary.counts).toMatchObject({ total: 5, changed: 1, alreadyInState: 2, skipped: 2, failed: 0 });
    const items = new Map(h.service.getRun(handle.runId)!.items.map((i) => [i.customerId, i]));
    expect(items.get(ids.confirmed!)).toMatchObject({ outcome: 'changed', attempts: 1 });
    expect(items.get(ids.confirmedNowThere!)).toMatchObject({ outcome: 'alreadyInState', attempts: 0 });
    expect(items.get(ids.alreadyThereNowOff!)).toMatchObject({ outcome: 'skipped', attempts: 0, before: false, note: expect.stringMatching(/not in what was confirmed/) });
    expect(items.get(ids.hidden!)).toMatchObject({ outcome: 'skipped', attempts: 0, note: expect.stringMatching(/not accessible when the plan was made/i) });
    expect(sandbox.admin.customer(ids.alreadyThereNowOff!)?.isStaging).toBe(false);
    expect(sandbox.admin.customer(ids.hidden!)?.isStaging).toBe(false);
    // The differences travel with the handle and the run record.
    const drift = handle.driftSincePlan!;
    expect(drift.stateChanged.map((d) => [d.customerId, d.planned, d.now]).sort()).toEqual(
      [
        [ids.confirmedNowThere, false, true],
        [ids.alreadyThereNowOff, true, false],
      ].sort(),
    );
    expect(drift.becameAccessible.map((d) => d.customerId)).toEqual([ids.hidden]);
    expect(h.service.getRun(handle.runId)?.drift).toEqual(drift);
  });

  it('startIfUnchanged() writes and journals nothing: it returns the differences and a fresh, saved plan of the same customers', async () => {
    const { plan, ids, writesBefore } = await driftedPlan();
    const runsBefore = h.service.listRuns().length;
    const outcome = await h.service.startIfUnchanged(plan);
    expect('drift' in outcome).toBe(true);
    if (!('drift' in outcome)) return;
    expect(written().slice(writesBefore)).toEqual([]);
    expect(h.service.listRuns()).toHaveLength(runsBefore);
    expect(outcome.planId).toBe(plan.id);
    const fresh = outcome.fresh;
    expect(fresh.id).not.toBe(plan.id);
    expect(fresh.request).toEqual(plan.request);
    expect(fresh.toChange.map((i) => i.customerId).sort()).toEqual([ids.confirmed, ids.alreadyThereNowOff, ids.hidden].sort());
    expect(fresh.alreadyInState.map((i) => i.customerId).sort()).toEqual([ids.confirmedNowThere, ids.alreadyThere].sort());
    expect(h.service.getPlan(fresh.id)).toEqual(fresh);

    // Confirming the fresh plan (nothing changed since) runs it, all three.
    const started = await h.service.startIfUnchanged(fresh);
    expect('drift' in started).toBe(false);
    if ('drift' in started) return;
    expect((await started.done).counts).toMatchObject({ changed: 3, alreadyInState: 2 });
    expect(written().slice(writesBefore).sort()).toEqual([ids.confirmed, ids.alreadyThereNowOff, ids.hidden].sort());
  });

  it('changesSince() says what differs (null when nothing does) without writing', async () => {
    const ids = inProduction().slice(0, 3);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    expect(await h.service.changesSince(plan)).toBeNull();
    await h.client.setStaging(ids[0] as string, true);
    const changed = await h.service.changesSince(plan);
    expect(changed?.drift.stateChanged.map((d) => d.customerId)).toEqual([ids[0]]);
    expect(changed?.fresh.counts).toMatchObject({ toChange: 2, alreadyInState: 1 });
    expect(written()).toEqual([ids[0]]);
  });

  it('refuses a plan older than the limit, writing nothing', async () => {
    const plan = await h.service.plan({ customerIds: inProduction().slice(0, 2), target: 'staging' });
    const old = { ...plan, id: 'old-plan', createdAt: new Date(Date.now() - PLAN_MAX_AGE_MS - 60_000).toISOString() };
    await expect(h.service.start(old)).rejects.toMatchObject({ kind: 'Conflict', message: expect.stringMatching(/more than 24 hours ago.*fresh plan/) });
    await expect(h.service.startIfUnchanged(old)).rejects.toMatchObject({ kind: 'Conflict' });
    expect(written()).toEqual([]);
    expect(h.service.listRuns()).toEqual([]);
  });
});
