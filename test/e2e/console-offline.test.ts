/* Offline end to end: make a subtree available offline, stop the sandbox, see the offline
 * banner, browse and search cached customers with their age, plan from the cache, and find
 * every write disabled with the reason. */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/e2e/use-harness';
import { expect as pw } from './page-expect';
import { goTo, list, nameOf, openSignedIn, row, waitForCurrent } from './console-support';

const h = useHarness();

describe('console: offline', () => {
  it('browses the offline copy with its age when the server is down, and refuses writes with the reason', async () => {
    const app = await openSignedIn(h);
    const { page } = app;
    const rootId = h.sandbox.fixtures.subtree200Id;
    const rootName = nameOf(h, rootId);
    await goTo(page, rootName);

    // Make the subtree available offline.
    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await pw(page.getByTestId('make-offline').getByText('200 customers saved for offline use.'), 60_000);
    await app.screenshot('console-offline-saved');

    // Stop the server; the next read fails over to the cache and the app goes offline.
    await h.sandbox.admin.down();
    const child = h.sandbox.admin.customers().find((c) => c.parentCustomerId === rootId);
    expect(child).toBeDefined();
    const childName = child?.name as string;
    await row(page, child?.id as string).dblclick();
    await waitForCurrent(page, childName);
    await pw(page.locator('[data-testid="connectivity"][data-state="offline"]'), 60_000);
    await pw(page.getByTestId('customer-panel').getByTestId('from-offline-copy'));
    // The age of what is shown is said once, in the banner (it was on screen four times).
    expect(await page.getByTestId('offline-age').textContent()).toMatch(/data from .* \((just now|\d+ min ago)\)$/);
    expect(await page.getByTestId('as-of').count()).toBe(0);

    // Browse back up the cached tree; the list says it shows the offline copy.
    await list(page).focus();
    await page.keyboard.press('Backspace');
    await waitForCurrent(page, rootName);
    await pw(page.getByRole('searchbox', { name: 'Filter children by name' }).and(page.locator('[placeholder*="offline copy"]')));
    expect(await list(page).locator('[role="row"][data-customer-id]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('as-of').count()).toBe(0);
    expect(await page.getByTestId('offline-age').count()).toBe(1);
    await app.screenshot('console-offline-browse');

    // Search works from the cache.
    await page.getByRole('searchbox', { name: /Filter children by name/ }).fill(childName.slice(0, 6));
    await pw(row(page, child?.id as string));
    await page.getByRole('searchbox', { name: /Filter children by name/ }).fill('');

    // Writes are disabled with the reason; a plan is still possible from the cache.
    await expect(page.getByRole('button', { name: 'Make available offline' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('tab', { name: 'Bulk staging' }).click();
    await page.getByTestId('prepare-plan').click();
    await pw(page.getByTestId('plan-view'));
    expect(await page.getByTestId('plan-view').getByTestId('as-of').getAttribute('data-source')).toBe('cache');
    expect(await page.getByTestId('plan-confirm').isDisabled()).toBe(true);
    expect(await page.getByTestId('write-blocked-reason').textContent()).toMatch(/^Offline/);
    await app.screenshot('console-offline-plan');

    await h.sandbox.admin.up();
    expect(app.errors.filter((e) => !/Failed to load resource|net::ERR/.test(e))).toEqual([]);
    await app.close();
  });
});
