/* A prepared plan is kept: History lists it, opening it brings it back to the bulk panel, and
 * applying it later re-reads the current state first: a customer someone else moved meanwhile
 * is shown as a difference, and only the plan as it is now, once confirmed, is written. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn, subtreeIds } from './console-support';

const h = useHarness();

describe('console: saved plans', () => {
  it('are listed in History, reopened, and applied with a fresh read', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.chainIds[1] as string;
    const ids = subtreeIds(h, rootId);
    await goTo(page, nameOf(h, rootId));
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'));
    const planned = Number((await page.getByTestId('count-toChange').textContent())?.replace(/\D/g, ''));
    expect(planned).toBeGreaterThan(0);

    // Someone else moves one of the planned customers meanwhile (a real write through the server).
    const movedElsewhere = ids.find((id) => h.sandbox.admin.customer(id)?.isStaging === false) as string;
    const other = app.services.session.client();
    await other.setStaging(movedElsewhere, true);
    const writesBefore = h.sandbox.admin.writes().length;

    // Later: History → Saved plans → Open.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const saved = page.getByTestId('saved-plans');
    await pw(saved.getByRole('row').nth(1));
    await app.screenshot('history-saved-plans');
    await saved.getByRole('button', { name: /^Open the plan/ }).first().click();
    await pw(page.getByTestId('plan-view'));

    await page.getByTestId('plan-confirm').click();
    const input = page.getByTestId('confirm-count-input');
    if (await input.count()) await input.fill(String(planned));
    await page.getByTestId('confirm-run').click();
    // The customer moved meanwhile: nothing is written; the plan as it is now is asked for again.
    await pw(page.getByTestId('drift-list'));
    expect(await page.getByTestId('drift-list').locator(`[data-customer-id="${movedElsewhere}"]`).count()).toBe(1);
    if (await input.count()) await input.fill(String(planned - 1));
    await page.getByTestId('confirm-run').click();
    await pw(page.getByText(/^Run completed /), 60_000);

    for (const id of ids) expect(h.sandbox.admin.customer(id)?.isStaging).toBe(true);
    const newWrites = h.sandbox.admin.writes().slice(writesBefore).map((w) => w.customerId);
    expect(newWrites).not.toContain(movedElsewhere); // already there: not in the new plan
    expect(newWrites.length).toBe(planned - 1);
    expect(app.errors).toEqual([]);
  });
});
