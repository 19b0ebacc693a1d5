/* Bulk staging end to end on the 200-customer subtree: plan, typed confirmation, progress,
 * results checked on the sandbox, undo checked again; then a run that survives an expired
 * session (sign in again, the run completes). */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, nameOf, openSignedIn, signIn, stagingOnServer, subtreeIds, until } from './console-support';

const h = useHarness();

describe('console: bulk staging', () => {
  it('moves the 200-customer subtree to staging with progress, then undoes it', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.subtree200Id;
    const ids = subtreeIds(h, rootId);
    expect(ids).toHaveLength(200);
    const before = stagingOnServer(h, ids);
    const toChange = ids.filter((id) => !before.get(id)).length;
    expect(toChange).toBeGreaterThan(25);

    await goTo(page, nameOf(h, rootId));
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await pw(page.getByTestId('bulk-panel'));
    await app.screenshot('console-bulk-choose');
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'));
    expect(await page.getByTestId('count-toChange').textContent()).toContain(String(toChange));
    expect(await page.getByTestId('count-alreadyInState').textContent()).toContain(String(200 - toChange));
    // Grouped by immediate parent: the root's own children sit under it, by name, not by path.
    expect(await page.getByTestId('plan-group-parent').getByText(`Under ${nameOf(h, rootId)}`, { exact: true }).count()).toBe(1);
    await app.screenshot('console-bulk-plan');

    // Leave one customer out: main makes a new plan of the rest, and the count to type follows.
    const leftOut = ids.find((id) => !before.get(id) && id !== rootId) as string;
    // By keyboard, as a person working down the list would (a sticky family header may cover the row for a pointer).
    await page.getByRole('checkbox', { name: `Keep ${nameOf(h, leftOut)} in the plan` }).press('Space');
    await page.getByTestId('plan-exclude').click();
    await pw(page.getByTestId('count-excluded'));
    expect(await page.getByTestId('count-toChange').textContent()).toContain(String(toChange - 1));
    const confirmed = toChange - 1;

    // Slow the server a little so the progress view is seen while the run moves.
    h.sandbox.admin.setFaults({ latencyMs: 40 });
    await page.getByTestId('plan-confirm').click();
    const confirm = page.getByTestId('confirm-run');
    await pw(confirm);
    expect(await confirm.isDisabled()).toBe(true); // over 25: the count must be typed
    expect(await page.getByTestId('confirm-subject').textContent()).toBe(`${nameOf(h, rootId)} and its 199 descendants (1 left out)`);
    await page.getByTestId('confirm-count-input').fill(String(confirmed));
    await app.screenshot('console-bulk-confirm');
    await confirm.click();
    await pw(page.getByTestId('progress-view'));
    expect(await page.getByTestId('progress-line').textContent()).toContain(`of ${confirmed} customers to change`);
    await app.screenshot('console-bulk-progress');
    await pw(page.getByTestId('results-view'), 90_000);
    h.sandbox.admin.clearFaults();
    expect(await page.getByTestId('tile-changed').textContent()).toBe(`${confirmed}Changed`);
    await app.screenshot('console-bulk-results');

    // Verify on the sandbox: every customer of the subtree routes to staging, except the one left out.
    const after = stagingOnServer(h, ids);
    expect(ids.filter((id) => !after.get(id))).toEqual([leftOut]);

    // Undo: back to exactly the states before.
    await page.getByTestId('undo-run').click();
    await until(async () => (await page.getByTestId('results-view').getByRole('status').textContent())?.startsWith('Undo completed') ?? false, 'undo results');
    await app.screenshot('console-bulk-undone');
    expect(stagingOnServer(h, ids)).toEqual(before);

    // History lists both runs; export writes a file.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await pw(page.getByTestId('run-table'));
    expect(await page.getByTestId('run-row').count()).toBeGreaterThanOrEqual(2);
    const applied = page.getByTestId('run-row').last();
    expect(await applied.getByTestId('run-subject').textContent()).toBe(`${nameOf(h, rootId)} and its 199 descendants (1 left out)`);
    // Undone already: said so, and no second Undo.
    await pw(applied.getByTestId('run-undone'));
    expect(await applied.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await applied.getByRole('button', { name: 'CSV' }).click();
    await pw(page.getByTestId('export-saved'));
    expect(await page.getByTestId('export-saved').textContent()).toMatch(/Saved CSV to .*bulk-run-.*\.csv$/);
    // Filter by a customer of the run (name, any case): both runs included it.
    const changedOne = ids.find((id) => !before.get(id) && id !== rootId && id !== leftOut) as string;
    await page.getByTestId('filter-customer').fill(nameOf(h, changedOne).toLowerCase());
    await until(async () => (await page.getByTestId('run-row').count()) === 2, 'runs of that customer');
    await page.getByTestId('filter-customer').fill('');
    await app.screenshot('console-history');
    expect(app.errors).toEqual([]);
    await app.close();
   }, 240_000); // six screens, each taken four times and checked with axe, on two shared cores

  it('completes a run after the session expires mid-run and the user signs in again', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.subtree200Id;
    const ids = subtreeIds(h, rootId);
    const before = stagingOnServer(h, ids);
    const toChange = ids.filter((id) => !before.get(id)).length;

    await goTo(page, nameOf(h, rootId));
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'));
    h.sandbox.admin.setFaults({ latencyMs: 60 });
    await page.getByTestId('plan-confirm').click();
    await page.getByTestId('confirm-count-input').fill(String(toChange));
    await page.getByTestId('confirm-run').click();
    await pw(page.getByTestId('progress-view'));

    // Some writes landed, then the session ends on the server.
    await until(() => h.sandbox.admin.writes().filter((w) => ids.includes(w.customerId)).length >= 10, 'first writes');
    h.sandbox.admin.expireSessions();
    await pw(page.locator('[data-screen="sign-in"]'));
    await app.screenshot('console-bulk-session-expired');
    h.sandbox.admin.clearFaults();
    await signIn(page);

    // Back in the console, the same run finishes.
    await pw(page.getByTestId('results-view'), 90_000);
    expect(await page.getByTestId('tile-failed').textContent()).toBe('0Failed');
    expect([...stagingOnServer(h, ids).values()].every(Boolean)).toBe(true);
    await app.screenshot('console-bulk-after-reauth');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
