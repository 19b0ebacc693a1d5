/* Confirmed means bounded, in the app (issue 11, finding 1): customers that change between the
 * plan and the confirmation are not written on the strength of the old confirmation. The app
 * shows the differences in the confirmation dialog with the plan as it is now, and writes
 * nothing until that is confirmed. The old code re-read every id of the plan on start and wrote
 * every one now off target, including one the plan had shown as "already on staging". The
 * changes are made meanwhile by another user over the API, as a colleague would. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { signedIn } from '../sandbox/helpers';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn, stagingOnServer, subtreeIds } from './console-support';

const h = useHarness();

async function colleagueSets(id: string, toStaging: boolean): Promise<void> {
  const other = await signedIn(h.sandbox, 'admin@sandbox.test');
  expect((await other.post(`/customers/${id}/staging`, { isStaging: toStaging })).status).toBe(200);
}

describe('console: customers changed between plan and start', () => {
  it('shows the differences and writes nothing until the plan as it is now is confirmed', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.subtree200Id;
    const ids = subtreeIds(h, rootId);
    const before = stagingOnServer(h, ids);
    const toChange = ids.filter((id) => !before.get(id));
    const alreadyThere = ids.filter((id) => before.get(id));

    await goTo(page, nameOf(h, rootId));
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'));
    expect(await page.getByTestId('count-toChange').textContent()).toContain(String(toChange.length));

    // While the plan is on screen: one customer to change is moved to staging by someone else,
    // and one the plan shows as already on staging is moved back to production.
    const nowThere = toChange[0] as string;
    const nowOff = alreadyThere[0] as string;
    await colleagueSets(nowThere, true);
    await colleagueSets(nowOff, false);
    const writesBefore = h.sandbox.admin.writes().length;

    await page.getByTestId('plan-confirm').click();
    await page.getByTestId('confirm-count-input').fill(String(toChange.length));
    await page.getByTestId('confirm-run').click();

    // Nothing written; the dialog is back with the differences and the fresh count to type.
    const dialog = page.getByTestId('confirm-dialog');
    await pw(dialog.getByTestId('drift-list'));
    await app.screenshot('console-bulk-drift');
    expect(await dialog.getByRole('heading').first().textContent()).toContain('The customers changed since the plan');
    expect(await dialog.locator(`[data-customer-id="${nowThere}"]`).textContent()).toContain('was normal, now staging');
    expect(await dialog.locator(`[data-customer-id="${nowOff}"]`).textContent()).toContain('was staging, now normal');
    expect(h.sandbox.admin.writes().length).toBe(writesBefore);
    expect(h.sandbox.admin.customer(nowOff)?.isStaging).toBe(false);
    expect(app.services.workspaces.bulk.listRuns()).toEqual([]);

    // The new confirmation covers the new set: the one moved back is now among those to change.
    const fresh = toChange.length; // one fewer to change, one more
    expect(await page.getByTestId('confirm-run').isDisabled()).toBe(true);
    await page.getByTestId('confirm-count-input').fill(String(fresh));
    await page.getByTestId('confirm-run').click();
    await pw(page.getByTestId('results-view'), 90_000);
    expect(await page.getByTestId('tile-changed').textContent()).toBe(`${fresh}Changed`);
    const written = h.sandbox.admin.writes().slice(writesBefore).map((w) => w.customerId);
    expect(written).toContain(nowOff);
    expect(written).not.toContain(nowThere);
    expect([...stagingOnServer(h, ids).values()].every(Boolean)).toBe(true);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
