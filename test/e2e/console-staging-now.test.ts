/* Issue 12 parts 5 and 6 end to end: the Customer tab's toggle moves one customer to staging
 * through the bulk engine (confirm dialog with a return-by, run in History, journal); the due
 * bar offers its return; "In staging now" lists the account's staging customers as the server
 * has them and returns a selected one (confirmed); quick jump finds by id and offers actions. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn, until } from './console-support';

const h = useHarness();

/** A datetime-local value `ms` from now, in the browser's (= this machine's) time zone. */
function localInput(ms: number): string {
  const d = new Date(Date.now() + ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('console: one-customer toggle, due returns, in staging now, quick jump actions', () => {
  it('toggles one customer with a return-by, shows it due and in staging now, and returns it confirmed', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const leaf = h.sandbox.fixtures.chainIds.at(-1) as string;
    const name = nameOf(h, leaf);
    expect(h.sandbox.admin.customer(leaf)?.isStaging).toBe(false);

    // 1. The Customer tab's main button: plan of this customer → confirm (with a return-by) → run.
    await goTo(page, name);
    const toggle = page.getByTestId('routing-toggle-button');
    await pw(toggle);
    expect(await toggle.textContent()).toBe('Move to staging');
    await app.screenshot('console-customer-toggle');
    await toggle.click();
    await pw(page.getByTestId('confirm-run'));
    await page.getByTestId('return-by-choice').selectOption('at');
    await page.getByTestId('return-by-time').fill(localInput(20 * 60_000));
    await pw(page.getByTestId('return-by').getByText('Due back by'));
    await app.screenshot('console-toggle-confirm');
    await page.getByTestId('confirm-run').click();
    await pw(page.getByTestId('results-view'), 30_000);
    expect(h.sandbox.admin.customer(leaf)?.isStaging).toBe(true);
    const runs = app.services.workspaces.bulk.listRuns();
    const run = runs.find((r) => r.request?.customerIds?.includes(leaf));
    expect(run?.counts.changed).toBe(1);
    expect(run?.returnBy).not.toBeNull();

    // 2. Due: the bar names it and offers the return.
    const due = page.getByTestId('due-returns');
    await pw(due, 20_000);
    expect(await due.textContent()).toContain(name);
    await app.screenshot('console-due-returns');

    // 3. In staging now: exactly the server's staging customers of the account, with the run.
    await page.getByTestId('nav-staging-now').click();
    await pw(page.getByTestId('staging-now-table'), 30_000);
    const onServer = h.sandbox.admin.customers().filter((c) => c.accountId === h.sandbox.fixtures.managerAccountId && c.isStaging);
    await until(async () => (await page.getByTestId('staging-now-row').count()) === onServer.length, 'every staging customer listed');
    const leafRow = page.locator(`[data-testid="staging-now-row"][data-customer-id="${leaf}"]`);
    expect(await leafRow.textContent()).toContain((run?.id ?? '').slice(0, 8));
    expect(await page.getByTestId('staging-now-source').textContent()).toContain('refreshed by a listing of the whole account');
    await app.screenshot('console-staging-now');

    // 4. Return the selected row: a plan of it, confirmed, then a run; the due bar goes away.
    // By keyboard, as in the customer table: the row's checkbox is Chakra's (a hidden input under its
    // drawn box), so a pointer click lands on the box, or on the sticky header once scrolled under it.
    await leafRow.getByRole('checkbox').press('Space');
    await until(async () => (await page.getByTestId('return-selected').isDisabled()) === false, 'the row selected');
    await page.getByTestId('return-selected').click();
    await pw(page.getByTestId('confirm-run'));
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Move 1 customer back to normal routing?');
    await page.getByTestId('confirm-run').click();
    await until(() => h.sandbox.admin.customer(leaf)?.isStaging === false, 'the leaf back on normal routing');
    await until(async () => (await page.getByTestId('due-returns').count()) === 0, 'no customer due any more');

    // History holds both runs.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await pw(page.getByTestId('run-table'));
    expect(await page.getByTestId('run-row').count()).toBeGreaterThanOrEqual(2);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('quick jump finds a customer by id and moves it to staging after confirmation', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const target = h.sandbox.fixtures.chainIds[1] as string;
    await page.keyboard.press('Control+k');
    const combo = page.getByRole('combobox', { name: 'Customer name, reference id or id' });
    await pw(combo);
    await combo.fill(target);
    await pw(page.getByTestId('quick-jump').getByRole('option').first());
    expect(await page.getByTestId('quick-jump').getByRole('option').first().textContent()).toContain(nameOf(h, target));
    await pw(page.getByTestId('quick-jump-actions'));
    await app.screenshot('console-quick-jump-actions');
    await page.keyboard.press('Shift+Enter');
    await pw(page.getByTestId('confirm-run'));
    expect(h.sandbox.admin.customer(target)?.isStaging).toBe(false);
    await page.getByTestId('confirm-run').click();
    await until(() => h.sandbox.admin.customer(target)?.isStaging === true, 'moved to staging');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
